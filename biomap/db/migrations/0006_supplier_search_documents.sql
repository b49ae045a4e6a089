-- Supplier search documents belong to no institution: a supplier is an organisation, not an
-- institution, so it must not show up in the "institution" facet (nor match an institution filter).
-- Equipment, technologies and trainees keep their institution (enforced below).
ALTER TABLE search_document ALTER COLUMN institution_id DROP NOT NULL;
UPDATE search_document SET institution_id = NULL WHERE kind = 'SUPPLIER';
ALTER TABLE search_document ADD CONSTRAINT search_document_institution_iff_catalogue
    CHECK ((kind = 'SUPPLIER') = (institution_id IS NULL));
