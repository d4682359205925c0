package dev.jackpot.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CanonicalJsonTest {

    private static JsonNode parse(String json) throws Exception {
        return SpecCodec.json().readTree(json);
    }

    @Test
    void keysAreSortedAndNumbersExact() throws Exception {
        assertEquals("{\"a\":1,\"b\":{\"c\":0.1000000000000000055511151231257827021181583404541015625,\"d\":2}}",
                CanonicalJson.of(parse("{\"b\": {\"d\": 2.0, \"c\": 0.1}, \"a\": 1}"), null));
        assertEquals("[1,\"x\",true,null]", CanonicalJson.of(parse("[1, \"x\", true, null]"), null));
        assertEquals("{\"s\":\"a\\\"b\\n\"}", CanonicalJson.of(parse("{\"s\": \"a\\\"b\\n\"}"), null));
        assertEquals("{\"x\":0}", CanonicalJson.of(parse("{\"x\": -0.0}"), null));
        assertEquals("{\"x\":1000000000000000000000}", CanonicalJson.of(parse("{\"x\": 1e21}"), null));
    }

    @Test
    void defaultsAreOmittedSoNeutralNewFieldsKeepOldIds() throws Exception {
        JsonNode defaults = parse("{\"a\": 1, \"inner\": {\"b\": 2.0, \"c\": \"x\"}}");
        assertEquals("{}", CanonicalJson.of(parse("{\"a\": 1, \"inner\": {\"b\": 2, \"c\": \"x\"}}"), defaults));
        assertEquals("{\"inner\":{\"b\":3}}", CanonicalJson.of(parse("{\"a\": 1, \"inner\": {\"b\": 3, \"c\": \"x\"}}"), defaults));
        // A field added later with a neutral default changes nothing.
        ObjectNode newDefaults = (ObjectNode) defaults.deepCopy();
        newDefaults.put("added", 0.5);
        ObjectNode spec = (ObjectNode) parse("{\"a\": 4, \"inner\": {\"b\": 2, \"c\": \"x\"}}");
        String before = CanonicalJson.of(spec, defaults);
        spec.put("added", 0.5);
        assertEquals(before, CanonicalJson.of(spec, newDefaults));
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        ObjectNode n = SpecCodec.json().createObjectNode();
        n.put("x", Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(n, null));
    }
}
