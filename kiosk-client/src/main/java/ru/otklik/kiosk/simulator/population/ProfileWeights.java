package ru.otklik.kiosk.simulator.population;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pilot's respondent mix ({@code otklik/respondent-profile-weights.json}): profile field
 * weights in percent, gate shares and the per-office quota that fixes the seeker/employer split.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfileWeights(Seekers seekers, Employers employers,
                             @JsonProperty("quota_per_office_per_wave") Quota quota) {

    public static final String RESOURCE = "/otklik/respondent-profile-weights.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seekers(Map<String, Double> gender,
                          @JsonProperty("age_band") Map<String, Double> ageBand,
                          Map<String, Double> category,
                          @JsonProperty("contacted_management_share") double contactedManagementShare,
                          @JsonProperty("used_pre_booking_share") double usedPreBookingShare,
                          @JsonProperty("left_comment_share") double leftCommentShare) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Employers(Map<String, Double> ownership,
                            Map<String, Double> size,
                            @JsonProperty("traits_multiple_choice") Map<String, Double> traits,
                            @JsonProperty("contacted_management_share") double contactedManagementShare,
                            @JsonProperty("used_pre_booking_share") double usedPreBookingShare) {
    }

    public record Quota(int seekers, int employers) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static ProfileWeights pilot() {
        try (InputStream in = ProfileWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return JSON.readValue(in, ProfileWeights.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Employers' share of forms, from the quota (80 + 20 → 0.2). */
    public double employerShare() {
        return (double) quota.employers() / (quota.seekers() + quota.employers());
    }

    /** Employers' comment share is not in the source; the seekers' share is used for both. */
    public double commentShare() {
        return seekers.leftCommentShare() / 100.0;
    }

    /** Trait weights without "none": each trait is an independent yes/no in a multiple choice. */
    public Map<String, Double> traitsWithoutNone() {
        Map<String, Double> traits = new LinkedHashMap<>(employers.traits());
        traits.remove("none");
        return traits;
    }
}
