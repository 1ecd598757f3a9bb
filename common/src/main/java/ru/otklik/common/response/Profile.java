package ru.otklik.common.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Optional respondent profile (domain §3). Seekers: gender, age band, category.
 * Employers: ownership, organisation size, traits (multiple choice). Never personal contacts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(String gender, String ageBand, String category,
                      String ownership, String orgSize, List<String> traits) {

    public Profile {
        traits = traits == null ? null : List.copyOf(traits);
    }

    public static Profile seeker(String gender, String ageBand, String category) {
        return new Profile(gender, ageBand, category, null, null, null);
    }

    public static Profile employer(String ownership, String orgSize, List<String> traits) {
        return new Profile(null, null, null, ownership, orgSize, traits);
    }
}
