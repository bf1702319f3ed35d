package io.secho.vectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.alert.AlertCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vector's tcId is its for ever: adding, removing or changing the bytes of other vectors never renumbers it,
 * a removed vector's number is retired and never given out again, and the committed files agree with the
 * committed ledger.
 */
class TcIdLedgerTest {
    private static final String FILE = "secho_v1_demo_test.json";

    @Test
    void insertingAVectorKeepsEveryOtherNumber() {
        TcIdLedger.FileLedger first = TcIdLedger.FileLedger.empty().assign(List.of("a", "b", "c")).ledger();
        TcIdLedger.Assignment inserted = first.assign(List.of("a", "new", "b", "c"));
        assertEquals(List.of(1, 4, 2, 3), inserted.tcIds());
        assertEquals(Map.of(1, "a", 2, "b", 3, "c", 4, "new"), inserted.ledger().active());
        assertTrue(inserted.ledger().retired().isEmpty());
    }

    @Test
    void aRemovedVectorIsRetiredAndItsNumberNeverComesBack() {
        TcIdLedger.FileLedger first = TcIdLedger.FileLedger.empty().assign(List.of("a", "b", "c")).ledger();
        TcIdLedger.FileLedger removed = first.assign(List.of("a", "c")).ledger();
        assertEquals(Map.of(2, "b"), removed.retired());
        assertEquals(Map.of(1, "a", 3, "c"), removed.active());

        TcIdLedger.Assignment back = removed.assign(List.of("a", "b", "c", "d"));
        assertEquals(List.of(1, 4, 3, 5), back.tcIds(), "b comes back under a new number; 2 stays retired");
        assertEquals(Map.of(2, "b"), back.ledger().retired());
        assertTrue(back.ledger().problems().isEmpty(), back.ledger().problems().toString());
    }

    @Test
    void twoVectorsWithOneIdentityAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TcIdLedger.FileLedger.empty().assign(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void problemsFindHandEditsThatLoseOrDuplicateNumbers() {
        TcIdLedger.FileLedger gap = new TcIdLedger.FileLedger(new TreeMap<>(Map.of(1, "a", 3, "c")), new TreeMap<>());
        assertEquals(List.of("tcId 2 is neither active nor retired: a number once given is kept or retired, never "
                + "dropped"), gap.problems());
        TcIdLedger.FileLedger both = new TcIdLedger.FileLedger(new TreeMap<>(Map.of(1, "a")), new TreeMap<>(Map.of(1, "x")));
        assertEquals(List.of("tcId 1 is both active and retired"), both.problems());
        TcIdLedger.FileLedger twice = new TcIdLedger.FileLedger(new TreeMap<>(Map.of(1, "a", 2, "a")), new TreeMap<>());
        assertEquals(List.of("tcIds 1 and 2 are both 'a'"), twice.problems());
    }

    @Test
    void theLedgerReadsBackWhatItWrites() {
        TcIdLedger ledger = TcIdLedger.empty().with(FILE, TcIdLedger.FileLedger.empty().assign(List.of("a", "b")).ledger()
                .assign(List.of("b", "c")).ledger());
        String json = ledger.toJson();
        assertEquals(json, TcIdLedger.parse(json).toJson());
        assertEquals(Map.of(1, "a"), TcIdLedger.parse(json).file(FILE).retired());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcIdLedger.parse("{\"files\": {\"x.json\": {\"active\": {\"one\": \"a\"}, \"retired\": {}}}}"));
        assertEquals("tcids.json: 'one' is not a tcId", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TcIdLedger.parse("[]"));
    }

    @Test
    void newBytesOrANewAlertKeepTheNumberAndANewCommentDoesNot() {
        TcIdLedger.FileLedger ledger = demo(new byte[] {1}, AlertCode.DECODE_ERROR, "second").ledger();
        VectorFile.Numbered changedBytes = demo(new byte[] {2, 3}, AlertCode.BAD_PAYLOAD, "second", ledger);
        assertEquals(List.of(1, 2, 3), tcIds(changedBytes.json()));
        VectorFile.Numbered reworded = demo(new byte[] {1}, AlertCode.DECODE_ERROR, "second, reworded", ledger);
        assertEquals(List.of(1, 4, 3), tcIds(reworded.json()));
        assertEquals(Map.of(2, "DemoTest(kind=demo) suite=x25519: second"), reworded.ledger().retired());
    }

    @Test
    void theCommittedFilesAgreeWithTheCommittedLedger() throws IOException {
        TcIdLedger ledger = VectorFiles.ledger();
        assertEquals(Set.copyOf(VectorFiles.ALL), ledger.files().keySet(), "the ledger numbers every vector file");
        for (String name : VectorFiles.ALL) {
            TcIdLedger.FileLedger file = ledger.file(name);
            assertEquals(List.of(), file.problems(), name);
            Set<Integer> inFile = new TreeSet<>(tcIds(VectorFiles.load(name)));
            assertEquals(file.active().keySet(), inFile, name + ": the tcIds in the file are the ledger's active ones");
            for (Integer retired : file.retired().keySet()) {
                assertFalse(inFile.contains(retired), name + ": retired tcId " + retired + " is back");
            }
        }
    }

    private static VectorFile.Numbered demo(byte[] bytes, AlertCode alert, String secondComment) {
        return demo(bytes, alert, secondComment, TcIdLedger.FileLedger.empty());
    }

    private static VectorFile.Numbered demo(byte[] bytes, AlertCode alert, String secondComment,
                                            TcIdLedger.FileLedger ledger) {
        VectorFile file = new VectorFile("DEMO", "secho_v1_demo_test").note("Demo", "BASIC", "demo");
        VectorFile.Group group = file.group("DemoTest").param("kind", "demo").hexParam("key", bytes);
        group.test("first", "Demo").hex("input", bytes).valid();
        group.test(secondComment, "Demo").str("suite", "x25519").hex("input", bytes).invalid(alert);
        group.test("third", "Demo").hex("input", bytes).valid();
        return file.toJson(ledger);
    }

    private static List<Integer> tcIds(JsonObject file) {
        List<Integer> tcIds = new ArrayList<>();
        for (JsonElement group : file.getAsJsonArray("testGroups")) {
            group.getAsJsonObject().getAsJsonArray("tests")
                    .forEach(test -> tcIds.add(test.getAsJsonObject().get("tcId").getAsInt()));
        }
        return tcIds;
    }
}
