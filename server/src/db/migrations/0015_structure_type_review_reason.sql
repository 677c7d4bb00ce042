-- Why a structure type's description is flagged for editor review (its text is not, or not as a
-- general description, in the source page seeds/003). Shown to editors; null when not flagged.
ALTER TABLE structure_type ADD COLUMN editor_review_reason text;

-- Databases seeded before this column: flag and explain the types whose text editors have not
-- rewritten yet (updated_by stays null until an editor saves the type).
UPDATE structure_type SET editor_review = true,
  editor_review_reason = 'La page source (seeds/003) ne mentionne pas les ERISP : description à rédiger et à sourcer.'
  WHERE code = 'ERISP' AND updated_by IS NULL;
UPDATE structure_type SET editor_review = true,
  editor_review_reason = 'La page source (seeds/003) ne mentionne pas les maisons de santé pluriprofessionnelles : description à rédiger et à sourcer.'
  WHERE code = 'MSP' AND updated_by IS NULL;
UPDATE structure_type SET editor_review = true,
  editor_review_reason = 'La page source (seeds/003) décrit la seule cellule de la région PACA (Cel-APSP), pas ce type en général : texte à généraliser pour les autres régions.'
  WHERE code = 'CELLULE_REGIONALE' AND updated_by IS NULL;
