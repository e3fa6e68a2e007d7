-- Partners are managed through the admin API too, and their changes audited.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_type_check
    CHECK (entity_type IN ('provider', 'account', 'token', 'partner'));
