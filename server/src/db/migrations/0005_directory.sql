-- Directory of support structures (ROR-shaped: an organisation, the services it offers, where it is).

-- Reference data: kinds of structure with the description users read (seeds/003), versioned by editors.
CREATE TABLE structure_type (
  code text PRIMARY KEY,
  label text NOT NULL,
  description text NOT NULL,
  source text,
  -- True where the source says nothing and an editor must write and source the text.
  editor_review boolean NOT NULL DEFAULT false,
  sort integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

CREATE TABLE structure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  types text[] NOT NULL CHECK (cardinality(types) > 0),
  parent_id uuid REFERENCES structure(id) ON DELETE SET NULL,
  finess text CHECK (finess IS NULL OR finess ~ '^[0-9AB]{9}$'),
  siret text CHECK (siret IS NULL OR siret ~ '^[0-9]{14}$'),
  ror_id text,
  address_line text,
  postal_code text,
  commune_code text REFERENCES commune(code),
  departement text REFERENCES departement(code),
  latitude double precision CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  time_zone text NOT NULL DEFAULT 'Europe/Paris',
  -- Who may call on it: 'professionnels', 'patients', 'familles'.
  audience text[] NOT NULL DEFAULT '{professionnels}',
  -- Typed contacts, each with its own schedule (see core/src/directory).
  contacts jsonb NOT NULL DEFAULT '[]',
  opening_hours jsonb,
  access_delay_days integer CHECK (access_delay_days IS NULL OR access_delay_days BETWEEN 0 AND 365),
  access_delay_confirmed_at date,
  capacity_beds integer CHECK (capacity_beds IS NULL OR capacity_beds BETWEEN 0 AND 10000),
  description text,
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('pending', 'published', 'archived')),
  is_demo boolean NOT NULL DEFAULT false,
  -- When the managers last confirmed the entry; older than 6 months shows "à vérifier".
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('fr_unaccent', coalesce(name, '')), 'A') ||
    setweight(to_tsvector('fr_unaccent', coalesce(description, '')), 'C')
  ) STORED,
  name_search text NOT NULL DEFAULT ''
);
CREATE INDEX structure_search ON structure USING gin (search);
CREATE INDEX structure_name_trgm ON structure USING gin (name_search gin_trgm_ops);
CREATE INDEX structure_types ON structure USING gin (types);
CREATE INDEX structure_departement ON structure (departement);
CREATE UNIQUE INDEX structure_finess ON structure (finess) WHERE finess IS NOT NULL;
CREATE UNIQUE INDEX structure_ror ON structure (ror_id) WHERE ror_id IS NOT NULL;

-- The territory a structure covers: whole departments and/or single communes.
CREATE TABLE structure_coverage (
  structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
  departement text REFERENCES departement(code),
  commune_code text REFERENCES commune(code),
  CHECK ((departement IS NULL) <> (commune_code IS NULL))
);
CREATE UNIQUE INDEX structure_coverage_dep ON structure_coverage (departement, structure_id) WHERE departement IS NOT NULL;
CREATE UNIQUE INDEX structure_coverage_commune ON structure_coverage (commune_code, structure_id) WHERE commune_code IS NOT NULL;
CREATE INDEX structure_coverage_structure ON structure_coverage (structure_id);

-- Every version of every entry: who, when, what changed, and the whole entry as it was.
CREATE TABLE structure_version (
  structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
  version integer NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid,
  changed_by_email text,
  change_kind text NOT NULL,
  changed_fields text[] NOT NULL DEFAULT '{}',
  snapshot jsonb NOT NULL,
  PRIMARY KEY (structure_id, version)
);

-- "Signaler une erreur": anyone may report; the entry's managers answer.
CREATE TABLE structure_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
  reporter_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  reporter_email text,
  field text,
  message text NOT NULL,
  status text NOT NULL DEFAULT 'ouvert' CHECK (status IN ('ouvert', 'en_cours', 'corrige', 'rejete')),
  answer text,
  answered_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX structure_report_structure ON structure_report (structure_id, status);
