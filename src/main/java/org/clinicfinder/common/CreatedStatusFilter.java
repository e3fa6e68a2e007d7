package org.clinicfinder.common;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Operations whose contract answers 201 Created do so: the generated interfaces return the created model,
 * which JAX-RS would send as 200. The resource sets the Location header.
 */
public class CreatedStatusFilter {

    @Inject
    ApiContract contract;

    @ServerResponseFilter
    public void created(ContainerResponseContext response, ResourceInfo resource) {
        if (response.getStatus() == 200 && resource != null && resource.getResourceMethod() != null
                && contract.creates(resource.getResourceMethod().getName())) {
            response.setStatus(201);
        }
    }
}
