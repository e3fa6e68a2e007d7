package org.clinicfinder.admin;

import java.util.Locale;

/** What an admin account may do: editors manage providers and imports; admins everything. */
public enum AdminRole {
    EDITOR, ADMIN;

    /** The role names security checks use; an admin holds both. */
    public static final String EDITOR_ROLE = "editor";
    public static final String ADMIN_ROLE = "admin";

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AdminRole of(String value) {
        for (AdminRole role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("a role is admin or editor, not \"" + value + "\"");
    }
}
