-- Hand-written (issue 12 §5): recordings started before chunk sequences were enforced stored their
-- chunks at 0..chunks-1; their next expected sequence is `chunks`, the 8 below it all present.
UPDATE `replay_recordings` SET `next_seq` = `chunks`, `seq_mask` = 255 WHERE `chunks` > 0;--> statement-breakpoint
-- Bytes already stored per window, for the window cap and the install's replay storage budget.
UPDATE `replay_windows` SET `stored_bytes` = (SELECT coalesce(sum(`bytes`), 0) FROM `replay_recordings` WHERE `window_id` = `replay_windows`.`id`);
