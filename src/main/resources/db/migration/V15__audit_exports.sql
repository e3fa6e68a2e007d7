-- Exports of the directory are recorded in the audit trail: who took a copy, in which format, of what.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_type_check
    CHECK (entity_type IN ('provider', 'account', 'token', 'partner', 'import', 'export'));
