package io.secho.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event loops' timer heap: due slots in deadline order, moved and cancelled slots never fire. */
class TimerQueueTest {
    @Test
    void dueSlotsComeOutInDeadlineOrderAndOnlyWhenDue() {
        TimerQueue<String> timers = new TimerQueue<>();
        timers.schedule(new TimerQueue.Slot<>("c"), 30);
        timers.schedule(new TimerQueue.Slot<>("a"), 10);
        timers.schedule(new TimerQueue.Slot<>("b"), 20);
        assertEquals(10, timers.nextDeadline());
        assertNull(timers.pollDue(9));
        assertEquals("a", timers.pollDue(25));
        assertEquals("b", timers.pollDue(25));
        assertNull(timers.pollDue(25));
        assertEquals("c", timers.pollDue(30));
        assertEquals(Long.MAX_VALUE, timers.nextDeadline());
    }

    @Test
    void aCancelledSlotLeavesTheQueueAndIsNoLongerReferenced() {
        TimerQueue<String> timers = new TimerQueue<>();
        TimerQueue.Slot<String> closed = new TimerQueue.Slot<>("closed");
        timers.schedule(closed, 10);
        timers.schedule(new TimerQueue.Slot<>("open"), 20);
        timers.cancel(closed);
        timers.cancel(closed);
        assertFalse(closed.queued());
        assertEquals(1, timers.size());
        assertEquals("open", timers.pollDue(100));
        assertEquals(0, timers.size());
    }

    @Test
    void aSlotIsQueuedOnceAndMovesEitherWay() {
        TimerQueue<String> timers = new TimerQueue<>();
        TimerQueue.Slot<String> slot = new TimerQueue.Slot<>("x");
        timers.schedule(new TimerQueue.Slot<>("y"), 50);
        timers.schedule(slot, 100);
        timers.schedule(slot, 10);
        assertEquals(2, timers.size());
        assertEquals("x", timers.pollDue(10));
        timers.schedule(slot, 10);
        timers.schedule(slot, 200);
        assertTrue(slot.queued());
        assertEquals("y", timers.pollDue(150));
        assertNull(timers.pollDue(150));
        assertEquals(200, timers.nextDeadline());
    }

    @Test
    void deadlinesCompareAcrossTheNanoTimeWrap() {
        TimerQueue<String> timers = new TimerQueue<>();
        timers.schedule(new TimerQueue.Slot<>("after the wrap"), Long.MIN_VALUE + 5);
        timers.schedule(new TimerQueue.Slot<>("before the wrap"), Long.MAX_VALUE - 5);
        assertEquals("before the wrap", timers.pollDue(Long.MAX_VALUE));
        assertNull(timers.pollDue(Long.MAX_VALUE));
        assertEquals("after the wrap", timers.pollDue(Long.MIN_VALUE + 5));
    }

    /** Random schedules, moves and cancels against a sorted map as the model. */
    @Test
    void agreesWithASortedModelUnderRandomOperations() {
        Random random = new Random(14);
        TimerQueue<Integer> timers = new TimerQueue<>();
        List<TimerQueue.Slot<Integer>> slots = new ArrayList<>();
        TreeMap<Long, Integer> model = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            slots.add(new TimerQueue.Slot<>(i));
        }
        long[] deadlineOf = new long[slots.size()];
        for (int step = 0; step < 20_000; step++) {
            int i = random.nextInt(slots.size());
            TimerQueue.Slot<Integer> slot = slots.get(i);
            if (slot.queued()) {
                model.remove(deadlineOf[i]);
            }
            if (random.nextInt(4) == 0) {
                timers.cancel(slot);
            } else {
                // Distinct deadlines, so that the model's order is the only possible one.
                long deadline = (long) random.nextInt(1_000_000) * slots.size() + i;
                timers.schedule(slot, deadline);
                deadlineOf[i] = deadline;
                model.put(deadline, i);
            }
            assertEquals(model.size(), timers.size());
            assertEquals(model.isEmpty() ? Long.MAX_VALUE : model.firstKey(), timers.nextDeadline());
        }
        while (!model.isEmpty()) {
            assertEquals(model.pollFirstEntry().getValue(), timers.pollDue(Long.MAX_VALUE - 1));
        }
        assertEquals(0, timers.size());
    }
}
