package org.clinicfinder.admin;

import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Singleton;

import org.clinicfinder.api.model.Address;
import org.clinicfinder.api.model.Credential;
import org.clinicfinder.api.model.CredentialStatus;
import org.clinicfinder.api.model.Device;
import org.clinicfinder.api.model.Location;
import org.clinicfinder.api.model.NeedleDepthRange;
import org.clinicfinder.api.model.OpeningHours;
import org.clinicfinder.api.model.OpeningPeriod;
import org.clinicfinder.api.model.Profession;
import org.clinicfinder.api.model.ProviderDetail;
import org.clinicfinder.api.model.ProviderKind;
import org.clinicfinder.api.model.TreatmentSlug;
import org.clinicfinder.api.model.Weekday;
import org.clinicfinder.provider.Provider;
import org.clinicfinder.provider.TrainingCredential;
import org.clinicfinder.provider.WeeklyHours;

/**
 * Where stored providers become the admin API's models of the contract. The public search and detail have
 * PostgreSQL write the same documents (search.ProviderSearchQueries, V12__provider_summary.sql).
 */
@Singleton
public class ProviderMapper {

    public ProviderDetail detail(Provider provider) {
        ProviderDetail detail = new ProviderDetail(provider.id, provider.name, ProviderKind.fromValue(provider.kind),
                address(provider.addressLines, provider.city, provider.region, provider.postalCode, provider.country),
                provider.treatments.stream().map(TreatmentSlug::fromValue).toList(),
                List.copyOf(provider.languages),
                provider.devices.stream().map(Device::fromValue).toList(),
                provider.credentials.stream().map(ProviderMapper::credential).toList(),
                provider.verified,
                provider.updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        detail.setProfession(provider.profession == null ? null : Profession.fromValue(provider.profession));
        detail.setLocation(location(provider.latitude, provider.longitude));
        detail.setPhone(provider.phone);
        detail.setEmail(provider.email);
        detail.setWebsite(provider.website);
        if (provider.needleDepthMinMm != null && provider.needleDepthMaxMm != null) {
            detail.setNeedleDepthMm(new NeedleDepthRange(provider.needleDepthMinMm.doubleValue(),
                    provider.needleDepthMaxMm.doubleValue()));
        }
        detail.setNumbingOffered(provider.numbingOffered);
        detail.setOpeningHours(openingHours(provider.openingHours));
        return detail;
    }

    private static Address address(List<String> lines, String city, String region, String postalCode,
            String country) {
        Address address = new Address(city, country).region(region).postalCode(postalCode);
        address.setLines(lines == null ? null : List.copyOf(lines));
        return address;
    }

    private static Location location(Double lat, Double lon) {
        return lat == null || lon == null ? null : new Location(lat, lon);
    }

    private static Credential credential(TrainingCredential credential) {
        return new Credential(credential.title(), credential.issuer(), CredentialStatus.fromValue(credential.status()))
                .year(credential.year())
                .verifiedOn(credential.verifiedOn());
    }

    private static OpeningHours openingHours(WeeklyHours hours) {
        if (hours == null) {
            return null;
        }
        return new OpeningHours(hours.timeZone(), hours.periods().stream()
                .map(period -> new OpeningPeriod(Weekday.fromValue(period.day()), period.opens(), period.closes()))
                .toList());
    }
}
