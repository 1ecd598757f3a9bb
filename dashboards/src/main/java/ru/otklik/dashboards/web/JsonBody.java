package ru.otklik.dashboards.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON writer of the API (records are serialised by their component names). */
final class JsonBody {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonBody() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
