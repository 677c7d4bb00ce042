-- A quiz block of a lesson points at a quiz of the quiz module (both built in parallel, joined here).
ALTER TABLE lesson_block ADD CONSTRAINT lesson_block_quiz_fk FOREIGN KEY (quiz_id) REFERENCES quiz(id);
CREATE INDEX lesson_block_quiz ON lesson_block (quiz_id) WHERE quiz_id IS NOT NULL;
