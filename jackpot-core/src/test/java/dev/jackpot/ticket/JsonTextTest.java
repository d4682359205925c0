package dev.jackpot.ticket;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTextTest {

    @Test
    void stringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001é\"", JsonText.quote("a\"b\\c\n\r\t\u0001é"));
        // What the writer escapes, the ticket parser reads back.
        String s = "x\"\\\n\u001f/é";
        assertEquals(s, Json.parse(JsonText.quote(s)));
    }

    @Test
    void numbersAreTheExactDecimalOfTheDouble() {
        assertEquals("2", JsonText.number(2.0));
        assertEquals("0", JsonText.number(-0.0));
        assertEquals("0.5", JsonText.number(0.5));
        assertEquals("-1024", JsonText.number(-1024.0));
        assertEquals(new BigDecimal(0.1).toPlainString(), JsonText.number(0.1));
        assertEquals(0.1, Double.parseDouble(JsonText.number(0.1)));
        assertEquals("1000000000000000000000", JsonText.number(1e21));
        assertThrows(IllegalArgumentException.class, () -> JsonText.number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonText.number(Double.POSITIVE_INFINITY));
    }
}
