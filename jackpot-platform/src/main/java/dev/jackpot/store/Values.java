package dev.jackpot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a row's coordinates and metrics as the store keeps them.
 *
 * <p>Types survive the round trip: Jackson writes a double with {@code Double.toString}, which always
 * has a point or an exponent and reads back bit-identical, while a long is written as a plain
 * integer, so integral JSON numbers decode as {@code Long} and the others as {@code Double}. NaN and
 * the infinities are written as the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}
 * (JSON5, which SQLite's JSON functions also read) rather than as strings, so that they cannot be
 * confused with a string metric whose text is "NaN".
 */
final class Values {

    private static final ObjectMapper STORAGE = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Values() {
    }

    /**
     * @param values a row's normalised map
     * @return its JSON object, for the store
     */
    static String encode(Map<String, Object> values) {
        try {
            return STORAGE.writeValueAsString(toObject(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + values + " as JSON", e);
        }
    }

    /**
     * @param json  a JSON object written by {@link #encode}
     * @param field the column, for messages
     * @param key   the row's key, for messages
     * @return the map, in the stored order
     * @throws StoreException if the text is not such an object
     */
    static LinkedHashMap<String, Object> decode(String json, String field, String key) {
        JsonNode node;
        try {
            node = STORAGE.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("trial '" + key + "' has invalid JSON in " + field + ": " + e.getOriginalMessage(),
                    e);
        }
        if (node == null || !node.isObject()) {
            throw new StoreException("trial '" + key + "' has " + field + " that are not a JSON object: " + json, null);
        }
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            out.put(f.getKey(), fromNode(f.getValue(), field, f.getKey(), key));
        }
        return out;
    }

    /**
     * @param values a row's normalised map
     * @return a JSON object with the same entries, in order
     */
    static ObjectNode toObject(Map<String, Object> values) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Long l) {
                o.put(e.getKey(), l);
            } else if (v instanceof Double d) {
                o.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                o.put(e.getKey(), b);
            } else if (v instanceof String s) {
                o.put(e.getKey(), s);
            } else {
                // TrialRow normalises every value to one of the four types above
                throw new IllegalStateException("unexpected value type " + v.getClass().getName() + " for "
                        + e.getKey());
            }
        }
        return o;
    }

    private static Object fromNode(JsonNode v, String field, String name, String key) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isFloatingPointNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new StoreException("trial '" + key + "' has " + field + " entry '" + name + "' of unsupported JSON type "
                + v.getNodeType() + ": " + v, null);
    }
}
