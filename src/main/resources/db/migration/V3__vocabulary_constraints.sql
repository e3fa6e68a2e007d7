-- Only the contract's vocabularies can be stored (openapi.yaml: TreatmentSlug, Device, Profession);
-- VocabularyConstraintTest keeps these lists and the contract in step.
ALTER TABLE provider ADD CONSTRAINT provider_treatments_known CHECK (treatments <@ ARRAY[
    'acne-scars', 'wrinkles', 'stretch-marks', 'surgical-scars', 'pigmentation', 'hair-loss', 'skin-rejuvenation']);
ALTER TABLE provider ADD CONSTRAINT provider_devices_known CHECK (devices <@ ARRAY[
    'derma-roller', 'derma-stamp', 'automated-pen', 'radiofrequency', 'nano-needling']);
ALTER TABLE provider ADD CONSTRAINT provider_profession_known CHECK (profession IN (
    'dermatologist', 'plastic-surgeon', 'aesthetic-doctor', 'general-practitioner', 'nurse', 'skin-therapist',
    'aesthetician'));
-- ISO 639-1 codes: two lower-case letters each.
ALTER TABLE provider ADD CONSTRAINT provider_languages_codes CHECK (
    array_to_string(languages, ',') ~ '^([a-z]{2}(,[a-z]{2})*)?$');
