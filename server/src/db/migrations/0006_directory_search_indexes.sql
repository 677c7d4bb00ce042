-- The directory's first page lists published entries by name: an index gives it without a sort.
CREATE INDEX structure_status_name ON structure (status, name);
