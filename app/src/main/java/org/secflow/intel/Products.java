package org.secflow.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The affected products of a vulnerability item, kept as JSON in its row. */
final class Products {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Products() {
    }

    static String toJson(List<AffectedProduct> products) {
        if (products.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(products);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<AffectedProduct> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<AffectedProduct>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("affected products of an intel item unreadable", e);
        }
    }
}
