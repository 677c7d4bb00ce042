-- A structure's staff (who receives its support requests and reminders) and a department's territory
-- coordinators are found by the scope of their role grants: without this index each support request
-- sent scanned every grant (100,000 accounts at national scale). The unique index on
-- (user_id, role, scope) serves the other direction, a user's roles.
CREATE INDEX role_grant_scope ON role_grant (scope, role) WHERE scope IS NOT NULL;
