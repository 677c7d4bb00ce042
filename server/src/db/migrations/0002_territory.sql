CREATE TABLE region (
  code text PRIMARY KEY,
  nom text NOT NULL
);

CREATE TABLE departement (
  code text PRIMARY KEY,
  nom text NOT NULL,
  region text NOT NULL REFERENCES region(code)
);

-- Current communes (INSEE), overseas included; Paris, Lyon, Marseille are also searchable by arrondissement.
CREATE TABLE commune (
  code text PRIMARY KEY,
  nom text NOT NULL,
  -- nom folded by core's foldForSearch: lower case, no accents, 'st' spelled 'saint'.
  nom_search text NOT NULL,
  codes_postaux text[] NOT NULL DEFAULT '{}',
  departement text NOT NULL REFERENCES departement(code),
  region text NOT NULL REFERENCES region(code),
  population integer NOT NULL DEFAULT 0,
  kind text NOT NULL DEFAULT 'commune' CHECK (kind IN ('commune', 'arrondissement')),
  latitude double precision,
  longitude double precision
);
CREATE INDEX commune_nom_search_prefix ON commune (nom_search text_pattern_ops);
CREATE INDEX commune_nom_search_trgm ON commune USING gin (nom_search gin_trgm_ops);
CREATE INDEX commune_codes_postaux ON commune USING gin (codes_postaux);
CREATE INDEX commune_departement ON commune (departement);

-- One row per (postal code, commune) so a postal-code prefix is an index range scan.
CREATE TABLE commune_postal_code (
  code_postal text NOT NULL,
  commune text NOT NULL REFERENCES commune(code) ON DELETE CASCADE,
  PRIMARY KEY (code_postal, commune)
);

-- Which edition of the reference data is loaded, and from where.
CREATE TABLE reference_dataset (
  name text PRIMARY KEY,
  version text NOT NULL,
  source text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
