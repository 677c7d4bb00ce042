-- Évaluer et agir: versions of the scales published by editors (version 1 of each scale is the seed
-- shipped in core/src/evaluation) and the palliative-emergency kit (documents with placeholders).

CREATE TABLE scale_version (
  scale_id text NOT NULL CHECK (scale_id IN ('esas-r', 'pallia-10', 'algoplus', 'en', 'eva', 'evs', 'dn4', 'rass', 'ps-oms')),
  version integer NOT NULL CHECK (version > 1),
  -- The whole definition (items, scoring, threshold, sources, unconfirmed notes), as core's ScaleDefinition.
  definition jsonb NOT NULL,
  change_note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scale_id, version)
);

CREATE TABLE kit_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind text NOT NULL CHECK (kind IN ('ordonnance_type', 'protocole_titration', 'checklist_48h', 'fiche_quoi_prescrire', 'prescription_anticipee', 'fiche_urgence_pallia')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every version is kept: the history of reference content.
CREATE TABLE kit_document_version (
  document_id uuid NOT NULL REFERENCES kit_document(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL,
  body text NOT NULL,
  placeholders jsonb NOT NULL,
  authors text[] NOT NULL,
  source text NOT NULL,
  review_date date NOT NULL,
  change_note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, version)
);

-- The billing memo: version 1 is the seed in core/src/billing/codes.ts; editors publish later versions
-- (amounts, conditions, documents, sources, unconfirmed notes). The eligibility rules stay in code.
CREATE TABLE billing_memo_version (
  version integer PRIMARY KEY CHECK (version > 1),
  codes jsonb NOT NULL,
  change_note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
