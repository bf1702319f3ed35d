package io.secho.server;

import java.util.Arrays;

/**
 * An event loop's timers: a binary min-heap of deadlines ({@link System#nanoTime} units) in which each owner holds
 * one {@link Slot} at most once, and which removes a slot in O(log n). The removal is why it is not a
 * {@link java.util.PriorityQueue}: a closed connection leaves the queue at once instead of staying referenced, with
 * its session, keys and buffers, until its old deadline (the handshake timeout) comes.
 */
final class TimerQueue<T> {
    private static final int INITIAL_CAPACITY = 16;

    /** An owner's place in the queue; touched by the queue only. */
    static final class Slot<T> {
        private final T owner;
        private long deadline;
        /** Index in the heap, or -1 when not queued. */
        private int index = -1;

        Slot(T owner) {
            this.owner = owner;
        }

        boolean queued() {
            return index >= 0;
        }

        /** The queued deadline; meaningful only while {@link #queued}. */
        long deadline() {
            return deadline;
        }
    }

    @SuppressWarnings("unchecked")
    private Slot<T>[] heap = new Slot[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** Queues {@code slot} for {@code deadline}, or moves it there if it is queued already. */
    void schedule(Slot<T> slot, long deadline) {
        if (!slot.queued()) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            slot.index = size++;
            heap[slot.index] = slot;
        }
        slot.deadline = deadline;
        siftDown(siftUp(slot.index));
    }

    /** Takes {@code slot} out of the queue; nothing if it is not queued. */
    void cancel(Slot<T> slot) {
        if (!slot.queued()) {
            return;
        }
        int index = slot.index;
        Slot<T> last = heap[--size];
        heap[size] = null;
        slot.index = -1;
        if (last != slot) {
            heap[index] = last;
            last.index = index;
            siftDown(siftUp(index));
        }
    }

    /** The owner of the earliest slot whose deadline is {@code now} or before, taken out of the queue; else null. */
    T pollDue(long now) {
        if (size == 0 || heap[0].deadline - now > 0) {
            return null;
        }
        Slot<T> first = heap[0];
        cancel(first);
        return first.owner;
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when the queue is empty. */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /** Deadlines compare by difference, as {@link System#nanoTime} values must. */
    private static boolean before(Slot<?> a, Slot<?> b) {
        return a.deadline - b.deadline < 0;
    }

    private int siftUp(int index) {
        Slot<T> slot = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(slot, index);
        return index;
    }

    private void siftDown(int index) {
        Slot<T> slot = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], slot)) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(slot, index);
    }

    private void place(Slot<T> slot, int index) {
        heap[index] = slot;
        slot.index = index;
    }
}
