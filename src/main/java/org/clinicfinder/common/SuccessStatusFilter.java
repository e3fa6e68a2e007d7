package org.clinicfinder.common;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Operations whose contract answers 201 Created or 202 Accepted do so: the generated interfaces return the
 * model, which JAX-RS would send as 200. The resource sets the Location header.
 */
public class SuccessStatusFilter {

    @Inject
    ApiContract contract;

    @ServerResponseFilter
    public void success(ContainerResponseContext response, ResourceInfo resource) {
        if (response.getStatus() == 200 && resource != null && resource.getResourceMethod() != null) {
            contract.successStatus(resource.getResourceMethod().getName()).ifPresent(response::setStatus);
        }
    }
}
