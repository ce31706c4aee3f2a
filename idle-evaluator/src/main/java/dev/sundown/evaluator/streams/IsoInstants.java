package dev.sundown.evaluator.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one form of instant Sundown writes, UTC with a {@code Z} and up to nine fraction digits
 * ({@code 2026-11-28T10:00:00.123456Z}), without going through {@code DateTimeFormatter}, which is most of the cost
 * of reading an activity event. Anything else (an offset, a number, a leap second) is not read here: the caller
 * falls back to the event codec, which reads every form it accepts.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    /** The instant, or null when {@code text} is not exactly {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}. */
    static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(text, 20, fraction);
            if (value < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                value *= 10;
            }
            nanos = value;
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    /** The decimal value of {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Binds instants in Sundown's form; anything else fails, so the whole record goes to the codec. */
    static final class Deserializer extends StdDeserializer<Instant> {

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Instant instant = p.currentToken() == JsonToken.VALUE_STRING ? parse(p.getText()) : null;
            if (instant == null) {
                throw new NotInSundownsForm();
            }
            return instant;
        }
    }

    /** Signals a form left to the codec; carries no stack trace, it is control flow. */
    static final class NotInSundownsForm extends IOException {
        NotInSundownsForm() {
            super("instant not in yyyy-MM-ddTHH:mm:ss[.fraction]Z form");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
