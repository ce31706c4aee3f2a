package dev.sundown.simulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** MaxResults/NextToken paging over a list; tokens are opaque to clients. */
final class Pager {

    record Page<T>(List<T> items, String nextToken) {
    }

    private Pager() {
    }

    static <T> Page<T> page(List<T> all, JsonNode request, int defaultSize, int maxSize) {
        int size = defaultSize;
        JsonNode max = request.get("MaxResults");
        if (max != null && !max.isNull()) {
            if (!max.canConvertToInt() || max.asInt() < 1 || max.asInt() > maxSize) {
                throw AwsError.validation("1 validation error detected: Value '" + max.asText()
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to "
                        + maxSize + " and greater than or equal to 1");
            }
            size = max.asInt();
        }
        int offset = 0;
        JsonNode token = request.get("NextToken");
        if (token != null && !token.isNull() && !token.asText().isEmpty()) {
            offset = decode(token.asText());
            if (offset < 0 || offset > all.size()) {
                throw AwsError.validation("Invalid pagination token");
            }
        }
        int end = Math.min(all.size(), offset + size);
        String next = end < all.size() ? encode(end) : null;
        return new Page<>(all.subList(offset, end), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("page:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("page:")) {
                throw AwsError.validation("Invalid pagination token");
            }
            return Integer.parseInt(text.substring(5));
        } catch (IllegalArgumentException e) {
            throw AwsError.validation("Invalid pagination token");
        }
    }
}
