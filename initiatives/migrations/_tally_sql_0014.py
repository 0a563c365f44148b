"""The tally triggers' SQL as initiatives/tally_sql.py wrote it up to migration 0014 (main at 46275e7), frozen
here so that the migrations of that time (0003, 0006, 0007, 0012, 0014) run the same SQL whatever the live code
becomes. Never edit: a change to the triggers is a new migration (0015 replaced these). Not a migration itself
(the leading underscore keeps Django's loader away from it)."""
# fmt: off
INSTALL = {'postgresql': ['DROP TRIGGER IF EXISTS tally_truncate ON initiatives_initiative',
                'DROP FUNCTION IF EXISTS tally_truncate_fn()',
                'DROP TRIGGER IF EXISTS tally_initiative ON initiatives_initiative',
                'DROP FUNCTION IF EXISTS tally_initiative_fn()',
                'DROP TRIGGER IF EXISTS tally_author ON initiatives_initiativeauthor',
                'DROP FUNCTION IF EXISTS tally_author_fn()',
                'DROP TRIGGER IF EXISTS tally_period ON initiatives_programmeperiod',
                'DROP FUNCTION IF EXISTS tally_period_fn()',
                'DROP TRIGGER IF EXISTS tally_programme_bump ON initiatives_programme',
                'DROP FUNCTION IF EXISTS tally_programme_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_branch_bump ON initiatives_branch',
                'DROP FUNCTION IF EXISTS tally_branch_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_cluster_bump ON initiatives_emulationcluster',
                'DROP FUNCTION IF EXISTS tally_cluster_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_pledge_bump ON initiatives_pledge',
                'DROP FUNCTION IF EXISTS tally_pledge_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_target_bump ON initiatives_pledgetarget',
                'DROP FUNCTION IF EXISTS tally_target_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_period_bump ON initiatives_programmeperiod',
                'DROP FUNCTION IF EXISTS tally_period_bump_fn()',
                'CREATE FUNCTION tally_branch_bump_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'UPDATE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_branch_bump AFTER INSERT OR UPDATE OR DELETE ON initiatives_branch FOR EACH '
                'ROW EXECUTE FUNCTION tally_branch_bump_fn()',
                'CREATE FUNCTION tally_cluster_bump_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'UPDATE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_cluster_bump AFTER INSERT OR UPDATE OR DELETE ON initiatives_emulationcluster '
                'FOR EACH ROW EXECUTE FUNCTION tally_cluster_bump_fn()',
                'CREATE FUNCTION tally_pledge_bump_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'UPDATE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_pledge_bump AFTER INSERT OR UPDATE OR DELETE ON initiatives_pledge FOR EACH '
                'ROW EXECUTE FUNCTION tally_pledge_bump_fn()',
                'CREATE FUNCTION tally_target_bump_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'UPDATE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_target_bump AFTER INSERT OR UPDATE OR DELETE ON initiatives_pledgetarget FOR '
                'EACH ROW EXECUTE FUNCTION tally_target_bump_fn()',
                'CREATE FUNCTION tally_period_bump_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'UPDATE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_period_bump AFTER INSERT OR UPDATE OR DELETE ON initiatives_programmeperiod '
                'FOR EACH ROW EXECUTE FUNCTION tally_period_bump_fn()',
                'CREATE FUNCTION tally_programme_bump_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'VALUES (NEW.id, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint) ON CONFLICT '
                '(programme_id) DO UPDATE SET version = initiatives_tally_programme.version + 1, changed = '
                'excluded.changed;\n'
                "ELSIF TG_OP = 'UPDATE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'UPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM '
                'clock_timestamp()) * 1000000)::bigint;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_programme_bump AFTER INSERT OR UPDATE OR DELETE ON initiatives_programme FOR '
                'EACH ROW EXECUTE FUNCTION tally_programme_bump_fn()',
                'CREATE FUNCTION tally_initiative_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT '
                'NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status '
                "AS status, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) "
                'THEN (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM '
                'NEW.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = '
                "'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
                'initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
                'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END '
                'AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, '
                'period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON '
                'CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
                'initiatives_tally_cell.n + excluded.n;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(d) FROM (SELECT NEW.programme_id AS '
                'programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN '
                "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, '
                'category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, category, status, '
                'sent_month, period ON CONFLICT (programme_id, category, status, sent_month, period) DO UPDATE SET n '
                '= initiatives_tally_total.n + excluded.n;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, '
                "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), "
                "SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN d "
                "ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END), SUM(CASE WHEN status = "
                "'rejected' THEN d ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END), "
                "SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, (EXTRACT(EPOCH FROM "
                'clock_timestamp()) * 1000000)::bigint FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id '
                'AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = '
                "'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, '
                "branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
                "'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) <> 0 OR "
                "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
                "'rejected' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) "
                "<> 0 OR SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY "
                'programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = '
                'initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + '
                'excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, '
                'branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = '
                'initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
                'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
                'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT '
                'NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, (EXTRACT(YEAR FROM '
                'NEW.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM '
                'NEW.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
                'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, '
                "1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = 'sent_to_province' AND "
                'NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, '
                'sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, '
                'sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent '
                '= initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
                'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
                'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
                'programme_id, member_id, SUM(d), SUM(b) FROM (SELECT NEW.programme_id AS programme_id, '
                'NEW.credited_author_id AS member_id, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE '
                "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) AND "
                'NEW.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> '
                '0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE '
                'SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = '
                'initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id '
                'AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR "
                'SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, '
                'branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + '
                'excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND '
                'p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 '
                'AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, '
                'member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT NEW.programme_id AS programme_id, '
                'NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person "
                'p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id '
                'WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
                '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
                'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS programme_id, '
                'NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * "
                'credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
                'authored = initiatives_tally_member.authored + excluded.authored, credited = '
                'initiatives_tally_member.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND '
                'p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 '
                'AND p.authored = 0 THEN -1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, '
                'SUM(d * credited) AS dc FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, '
                'a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, "
                'member_id) x JOIN initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = '
                'x.member_id WHERE true GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) '
                'DO UPDATE SET participants = initiatives_tally_programme.participants + excluded.participants, '
                'authors = initiatives_tally_programme.authors + excluded.authors;\n'
                "ELSIF TG_OP = 'UPDATE' AND (OLD.programme_id IS DISTINCT FROM NEW.programme_id OR OLD.branch_id IS "
                'DISTINCT FROM NEW.branch_id OR OLD.category IS DISTINCT FROM NEW.category OR OLD.status IS DISTINCT '
                'FROM NEW.status OR OLD.sent_to_province_date IS DISTINCT FROM NEW.sent_to_province_date OR '
                'OLD.credited_author_id IS DISTINCT FROM NEW.credited_author_id OR OLD.economic_benefit_vnd IS '
                'DISTINCT FROM NEW.economic_benefit_vnd) THEN\n'
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT '
                'OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status '
                "AS status, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) "
                'THEN (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM '
                'OLD.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = '
                "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
                'initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
                'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END '
                'AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, '
                "NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND "
                'NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer '
                '* 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN '
                "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT "
                'pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
                'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END '
                'AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, '
                'period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON '
                'CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
                'initiatives_tally_cell.n + excluded.n;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS '
                'programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN '
                "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS '
                'programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN '
                "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, '
                'category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, category, status, '
                'sent_month, period ON CONFLICT (programme_id, category, status, sent_month, period) DO UPDATE SET n '
                '= initiatives_tally_total.n + excluded.n;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, '
                "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), "
                "SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN d "
                "ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END), SUM(CASE WHEN status = "
                "'rejected' THEN d ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END), "
                "SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, (EXTRACT(EPOCH FROM "
                'clock_timestamp()) * 1000000)::bigint FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id '
                'AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = '
                "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS '
                'programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN '
                "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, '
                "branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
                "'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) <> 0 OR "
                "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
                "'rejected' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) "
                "<> 0 OR SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY "
                'programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = '
                'initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + '
                'excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, '
                'branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = '
                'initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
                'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
                'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT '
                'OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, (EXTRACT(YEAR FROM '
                'OLD.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM '
                'OLD.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
                'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, '
                "-1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = 'sent_to_province' AND "
                'OLD.sent_to_province_date IS NOT NULL) UNION ALL SELECT NEW.programme_id AS programme_id, '
                'NEW.branch_id AS branch_id, (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 10 + '
                'EXTRACT(QUARTER FROM NEW.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT '
                'pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
                'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, '
                "1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = 'sent_to_province' AND "
                'NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, '
                'sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, '
                'sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent '
                '= initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
                'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
                'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
                'programme_id, member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, '
                'OLD.credited_author_id AS member_id, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE '
                "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) AND "
                'OLD.credited_author_id IS NOT NULL UNION ALL SELECT NEW.programme_id AS programme_id, '
                'NEW.credited_author_id AS member_id, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE '
                "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) AND "
                'NEW.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> '
                '0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE '
                'SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = '
                'initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id '
                'AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, "
                'a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY "
                'programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY '
                'programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET '
                'authored = initiatives_tally_person.authored + excluded.authored, credited = '
                'initiatives_tally_person.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND '
                'p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 '
                'AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, '
                'member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, '
                'OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, "
                'a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, "
                'branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND '
                'p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, '
                'x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE '
                'SET participants = initiatives_tally_branch.participants + excluded.participants, authors = '
                'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
                'excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, '
                'OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, "
                'a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY "
                'programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, '
                'member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = '
                'initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited '
                '+ excluded.credited;\n'
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND '
                'p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 '
                'AND p.authored = 0 THEN -1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, '
                'SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
                'a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id "
                'AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) s GROUP BY programme_id, member_id) x JOIN initiatives_tally_member p ON "
                'p.programme_id = x.programme_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id '
                'ORDER BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET participants = '
                'initiatives_tally_programme.participants + excluded.participants, authors = '
                'initiatives_tally_programme.authors + excluded.authors;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT '
                'OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status '
                "AS status, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) "
                'THEN (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM '
                'OLD.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = '
                "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
                'initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
                'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END '
                'AS period, -1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, '
                'period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON '
                'CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
                'initiatives_tally_cell.n + excluded.n;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS '
                'programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN '
                "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE true GROUP BY programme_id, '
                'category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, category, status, '
                'sent_month, period ON CONFLICT (programme_id, category, status, sent_month, period) DO UPDATE SET n '
                '= initiatives_tally_total.n + excluded.n;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, '
                "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), "
                "SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN d "
                "ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END), SUM(CASE WHEN status = "
                "'rejected' THEN d ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END), "
                "SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, (EXTRACT(EPOCH FROM "
                'clock_timestamp()) * 1000000)::bigint FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id '
                'AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = '
                "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) '
                "ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date "
                'IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
                'pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
                'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE true GROUP BY programme_id, '
                "branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
                "'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) <> 0 OR "
                "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
                "'rejected' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) "
                "<> 0 OR SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY "
                'programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = '
                'initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + '
                'excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, '
                'branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = '
                'initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
                'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
                'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT '
                'OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, (EXTRACT(YEAR FROM '
                'OLD.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM '
                'OLD.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
                'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, '
                "-1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = 'sent_to_province' AND "
                'OLD.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, '
                'sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, '
                'sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent '
                '= initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
                'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
                'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
                'programme_id, member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, '
                'OLD.credited_author_id AS member_id, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE '
                "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) AND "
                'OLD.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> '
                '0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE '
                'SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = '
                'initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id '
                'AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR "
                'SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, '
                'branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + '
                'excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND '
                'p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 '
                'AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, '
                'member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, '
                'OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person "
                'p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id '
                'WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
                '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
                'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, '
                'OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
                'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a '
                "WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * "
                'credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
                'authored = initiatives_tally_member.authored + excluded.authored, credited = '
                'initiatives_tally_member.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND '
                'p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 '
                'AND p.authored = 0 THEN -1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, '
                'SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
                'a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, "
                'member_id) x JOIN initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = '
                'x.member_id WHERE true GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) '
                'DO UPDATE SET participants = initiatives_tally_programme.participants + excluded.participants, '
                'authors = initiatives_tally_programme.authors + excluded.authors;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_initiative AFTER INSERT OR UPDATE OR DELETE ON initiatives_initiative FOR EACH '
                'ROW EXECUTE FUNCTION tally_initiative_fn()',
                'CREATE FUNCTION tally_author_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                "IF TG_OP = 'INSERT' THEN PERFORM 1 FROM initiatives_initiative WHERE id = NEW.initiative_id FOR "
                'UPDATE;\n'
                "ELSIF TG_OP = 'DELETE' THEN PERFORM 1 FROM initiatives_initiative WHERE id = OLD.initiative_id FOR "
                'UPDATE;\n'
                'ELSE PERFORM 1 FROM initiatives_initiative WHERE id IN (OLD.initiative_id, NEW.initiative_id) ORDER '
                'BY id FOR UPDATE;\n'
                'END IF;\n'
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS '
                'programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id '
                "= NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x "
                'WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 '
                'ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO '
                'UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
                'initiatives_tally_person.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND '
                'p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 '
                'AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, '
                'member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, '
                'i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id '
                "= NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s "
                'GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = '
                'x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY '
                'x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, '
                'branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
                'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, '
                'i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id '
                "= NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x "
                'WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY '
                'programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = '
                'initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited '
                '+ excluded.credited;\n'
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND '
                'p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 '
                'AND p.authored = 0 THEN -1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, '
                'SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, '
                'NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
                "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, member_id) x "
                'JOIN initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = x.member_id '
                'WHERE true GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET '
                'participants = initiatives_tally_programme.participants + excluded.participants, authors = '
                'initiatives_tally_programme.authors + excluded.authors;\n'
                "ELSIF TG_OP = 'UPDATE' AND (OLD.initiative_id IS DISTINCT FROM NEW.initiative_id OR OLD.member_id "
                'IS DISTINCT FROM NEW.member_id) THEN\n'
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS '
                'programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE '
                "i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, "
                'NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
                "('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, "
                'branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, '
                'member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = '
                'initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited '
                '+ excluded.credited;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND '
                'p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 '
                'AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, '
                'member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, '
                'i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE '
                "i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, "
                'NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
                "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, "
                'member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = '
                'x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY '
                'x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = '
                'initiatives_tally_branch.participants + excluded.participants, authors = '
                'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
                'excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, '
                'i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE '
                "i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, "
                'NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
                "('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, "
                'member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT '
                '(programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + '
                'excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND '
                'p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 '
                'AND p.authored = 0 THEN -1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, '
                'SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, '
                'OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
                "('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS "
                'programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id '
                "= NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s "
                'GROUP BY programme_id, member_id) x JOIN initiatives_tally_member p ON p.programme_id = '
                'x.programme_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id ORDER BY '
                'x.programme_id ON CONFLICT (programme_id) DO UPDATE SET participants = '
                'initiatives_tally_programme.participants + excluded.participants, authors = '
                'initiatives_tally_programme.authors + excluded.authors;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS '
                'programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE '
                "i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR "
                'SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, '
                'branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + '
                'excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND '
                'p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 '
                'AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, '
                'member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, '
                'i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE '
                "i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person "
                'p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id '
                'WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
                '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
                'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
                'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, '
                'i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE '
                "i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
                "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * "
                'credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
                'authored = initiatives_tally_member.authored + excluded.authored, credited = '
                'initiatives_tally_member.credited + excluded.credited;\n'
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND '
                'p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 '
                'AND p.authored = 0 THEN -1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, '
                'SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, '
                'OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
                'credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
                "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, member_id) x "
                'JOIN initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = x.member_id '
                'WHERE true GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET '
                'participants = initiatives_tally_programme.participants + excluded.participants, authors = '
                'initiatives_tally_programme.authors + excluded.authors;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_author AFTER INSERT OR UPDATE OR DELETE ON initiatives_initiativeauthor FOR '
                'EACH ROW EXECUTE FUNCTION tally_author_fn()',
                'CREATE FUNCTION tally_period_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                "IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\n"
                'PERFORM pg_advisory_xact_lock(7406251);\n'
                "IF TG_OP = 'INSERT' THEN\n"
                'DELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\n'
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = '
                "'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) '
                "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
                'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = '
                'i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT '
                '1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id '
                'GROUP BY 1, 2, 3, 4, 5, 6;\n'
                'DELETE FROM initiatives_tally_total WHERE programme_id = NEW.programme_id;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
                'programme_id = NEW.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
                'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * '
                '10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
                'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
                'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
                "NEW.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP "
                'BY 1, 2, 3, 4;\n'
                "ELSIF TG_OP = 'UPDATE' AND (OLD.programme_id IS DISTINCT FROM NEW.programme_id OR OLD.number IS "
                'DISTINCT FROM NEW.number OR OLD.start IS DISTINCT FROM NEW.start OR OLD."end" IS DISTINCT FROM '
                'NEW."end") THEN\n'
                'DELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\n'
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = '
                "'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) '
                "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
                'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = '
                'i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT '
                '1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id '
                'GROUP BY 1, 2, 3, 4, 5, 6;\n'
                'DELETE FROM initiatives_tally_total WHERE programme_id = OLD.programme_id;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
                'programme_id = OLD.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
                'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * '
                '10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
                'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
                'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
                "OLD.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP "
                'BY 1, 2, 3, 4;\n'
                'DELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\n'
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = '
                "'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) '
                "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
                'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = '
                'i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT '
                '1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id '
                'GROUP BY 1, 2, 3, 4, 5, 6;\n'
                'DELETE FROM initiatives_tally_total WHERE programme_id = NEW.programme_id;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
                'programme_id = NEW.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
                'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * '
                '10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
                'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
                'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
                "NEW.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP "
                'BY 1, 2, 3, 4;\n'
                "ELSIF TG_OP = 'DELETE' THEN\n"
                'DELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\n'
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = '
                "'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) '
                "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
                'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = '
                'i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT '
                '1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id '
                'GROUP BY 1, 2, 3, 4, 5, 6;\n'
                'DELETE FROM initiatives_tally_total WHERE programme_id = OLD.programme_id;\n'
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
                'programme_id = OLD.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
                'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\n'
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * '
                '10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
                'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
                'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
                "OLD.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP "
                'BY 1, 2, 3, 4;\n'
                'END IF;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_period AFTER INSERT OR UPDATE OR DELETE ON initiatives_programmeperiod FOR '
                'EACH ROW EXECUTE FUNCTION tally_period_fn()',
                'CREATE FUNCTION tally_truncate_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n'
                'BEGIN\n'
                'DELETE FROM initiatives_tally_cell;\n'
                'DELETE FROM initiatives_tally_total;\n'
                'DELETE FROM initiatives_tally_branch;\n'
                'DELETE FROM initiatives_tally_branch_sent;\n'
                'DELETE FROM initiatives_tally_credited_sent;\n'
                'DELETE FROM initiatives_tally_person;\n'
                'DELETE FROM initiatives_tally_member;\n'
                'DELETE FROM initiatives_tally_programme WHERE programme_id NOT IN (SELECT id FROM '
                'initiatives_programme);\n'
                'UPDATE initiatives_tally_programme SET participants = 0, authors = 0, version = version + 1, '
                'changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\n'
                'RETURN NULL;\n'
                'END\n'
                '$$',
                'CREATE TRIGGER tally_truncate AFTER TRUNCATE ON initiatives_initiative FOR EACH STATEMENT EXECUTE '
                'FUNCTION tally_truncate_fn()'],
 'sqlite': ['DROP TRIGGER IF EXISTS tally_initiative_insert',
            'DROP TRIGGER IF EXISTS tally_initiative_update',
            'DROP TRIGGER IF EXISTS tally_initiative_delete',
            'DROP TRIGGER IF EXISTS tally_author_insert',
            'DROP TRIGGER IF EXISTS tally_author_update',
            'DROP TRIGGER IF EXISTS tally_author_delete',
            'DROP TRIGGER IF EXISTS tally_period_insert',
            'DROP TRIGGER IF EXISTS tally_period_update',
            'DROP TRIGGER IF EXISTS tally_period_delete',
            'DROP TRIGGER IF EXISTS tally_programme_bump_insert',
            'DROP TRIGGER IF EXISTS tally_programme_bump_update',
            'DROP TRIGGER IF EXISTS tally_programme_bump_delete',
            'DROP TRIGGER IF EXISTS tally_branch_bump_insert',
            'DROP TRIGGER IF EXISTS tally_branch_bump_update',
            'DROP TRIGGER IF EXISTS tally_branch_bump_delete',
            'DROP TRIGGER IF EXISTS tally_cluster_bump_insert',
            'DROP TRIGGER IF EXISTS tally_cluster_bump_update',
            'DROP TRIGGER IF EXISTS tally_cluster_bump_delete',
            'DROP TRIGGER IF EXISTS tally_pledge_bump_insert',
            'DROP TRIGGER IF EXISTS tally_pledge_bump_update',
            'DROP TRIGGER IF EXISTS tally_pledge_bump_delete',
            'DROP TRIGGER IF EXISTS tally_target_bump_insert',
            'DROP TRIGGER IF EXISTS tally_target_bump_update',
            'DROP TRIGGER IF EXISTS tally_target_bump_delete',
            'DROP TRIGGER IF EXISTS tally_period_bump_insert',
            'DROP TRIGGER IF EXISTS tally_period_bump_update',
            'DROP TRIGGER IF EXISTS tally_period_bump_delete',
            'CREATE TRIGGER tally_branch_bump_insert AFTER INSERT ON initiatives_branch FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_branch_bump_update AFTER UPDATE ON initiatives_branch FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_branch_bump_delete AFTER DELETE ON initiatives_branch FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_cluster_bump_insert AFTER INSERT ON initiatives_emulationcluster FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_cluster_bump_update AFTER UPDATE ON initiatives_emulationcluster FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_cluster_bump_delete AFTER DELETE ON initiatives_emulationcluster FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_pledge_bump_insert AFTER INSERT ON initiatives_pledge FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_pledge_bump_update AFTER UPDATE ON initiatives_pledge FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_pledge_bump_delete AFTER DELETE ON initiatives_pledge FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_target_bump_insert AFTER INSERT ON initiatives_pledgetarget FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_target_bump_update AFTER UPDATE ON initiatives_pledgetarget FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_target_bump_delete AFTER DELETE ON initiatives_pledgetarget FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_period_bump_insert AFTER INSERT ON initiatives_programmeperiod FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_period_bump_update AFTER UPDATE ON initiatives_programmeperiod FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_period_bump_delete AFTER DELETE ON initiatives_programmeperiod FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_programme_bump_insert AFTER INSERT ON initiatives_programme FOR EACH ROW\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) VALUES '
            "(NEW.id, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) ON CONFLICT "
            '(programme_id) DO UPDATE SET version = initiatives_tally_programme.version + 1, changed = '
            'excluded.changed;\n'
            'END',
            'CREATE TRIGGER tally_programme_bump_update AFTER UPDATE ON initiatives_programme FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_programme_bump_delete AFTER DELETE ON initiatives_programme FOR EACH ROW\n'
            'BEGIN\n'
            "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER);\n'
            'END',
            'CREATE TRIGGER tally_initiative_insert AFTER INSERT ON initiatives_initiative FOR EACH ROW\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            'SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT '
            'NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS '
            "status, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN "
            "CAST(strftime('%Y%m', NEW.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN "
            "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT "
            'pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
            'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS '
            'period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, period '
            'HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON CONFLICT '
            '(programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
            'initiatives_tally_cell.n + excluded.n;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(d) FROM (SELECT NEW.programme_id AS '
            'programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN '
            "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
            'NEW.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = '
            "'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
            'initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE '
            'true GROUP BY programme_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY '
            'programme_id, category, status, sent_month, period ON CONFLICT (programme_id, category, status, '
            'sent_month, period) DO UPDATE SET n = initiatives_tally_total.n + excluded.n;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, '
            "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), SUM(CASE "
            "WHEN status = 'submitted' THEN d ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END), "
            "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END), SUM(CASE WHEN status = 'rejected' THEN d "
            "ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END), SUM(CASE WHEN status = "
            "'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, CAST((julianday('now') - 2440587.5) * "
            '86400000000.0 AS INTEGER) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, '
            "NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND "
            "NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', NEW.sent_to_province_date) AS "
            "INTEGER) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND "
            'NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod '
            'pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, '
            "branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
            "'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) <> 0 OR "
            "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'rejected' "
            "THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) <> 0 OR "
            "SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY "
            'programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = '
            'initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + '
            'excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = '
            'initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = '
            'initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
            'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
            'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
            'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            'benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT '
            "NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, (CAST(strftime('%Y', "
            "NEW.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', NEW.sent_to_province_date) AS "
            'INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
            'WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) AS period, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE '
            "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY "
            'programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, '
            'branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE '
            'SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
            'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
            'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
            'programme_id, member_id, SUM(d), SUM(b) FROM (SELECT NEW.programme_id AS programme_id, '
            'NEW.credited_author_id AS member_id, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE '
            "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) AND NEW.credited_author_id "
            'IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY '
            'programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET sent = '
            'initiatives_tally_credited_sent.sent + excluded.sent, benefit = initiatives_tally_credited_sent.benefit '
            '+ excluded.benefit;\n'
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS '
            'programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
            'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE '
            "a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR "
            'SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, '
            'branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, '
            'credited = initiatives_tally_person.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited '
            '= 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored '
            "= 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, '
            'SUM(d * credited) AS dc FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, '
            'a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, '
            '1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, "
            'member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = '
            'x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY '
            'x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = '
            'initiatives_tally_branch.participants + excluded.participants, authors = '
            'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
            'excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS '
            'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END '
            'AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status '
            "IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, "
            'member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT '
            '(programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + '
            'excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            'x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN '
            '-1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN '
            '-1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM '
            '(SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE '
            'WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM '
            "initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province')) s GROUP BY programme_id, member_id) x JOIN "
            'initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = x.member_id WHERE true '
            'GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET participants = '
            'initiatives_tally_programme.participants + excluded.participants, authors = '
            'initiatives_tally_programme.authors + excluded.authors;\n'
            'END',
            'CREATE TRIGGER tally_initiative_update AFTER UPDATE ON initiatives_initiative FOR EACH ROW WHEN '
            '(OLD.programme_id IS DISTINCT FROM NEW.programme_id OR OLD.branch_id IS DISTINCT FROM NEW.branch_id OR '
            'OLD.category IS DISTINCT FROM NEW.category OR OLD.status IS DISTINCT FROM NEW.status OR '
            'OLD.sent_to_province_date IS DISTINCT FROM NEW.sent_to_province_date OR OLD.credited_author_id IS '
            'DISTINCT FROM NEW.credited_author_id OR OLD.economic_benefit_vnd IS DISTINCT FROM '
            'NEW.economic_benefit_vnd)\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            'SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT '
            'OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS '
            "status, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN "
            "CAST(strftime('%Y%m', OLD.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN "
            "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT "
            'pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
            'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS '
            'period, -1 AS d UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, '
            "NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND "
            "NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', NEW.sent_to_province_date) AS "
            "INTEGER) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND "
            'NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod '
            'pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, '
            'branch_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, '
            'category, status, sent_month, period ON CONFLICT (programme_id, branch_id, category, status, '
            'sent_month, period) DO UPDATE SET n = initiatives_tally_cell.n + excluded.n;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS '
            'programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN '
            "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
            'OLD.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = '
            "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
            'initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL '
            'SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, '
            "NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT "
            "NULL) THEN CAST(strftime('%Y%m', NEW.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE "
            "WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT "
            'pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
            'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS '
            'period, 1 AS d) x WHERE true GROUP BY programme_id, category, status, sent_month, period HAVING SUM(d) '
            '<> 0 ORDER BY programme_id, category, status, sent_month, period ON CONFLICT (programme_id, category, '
            'status, sent_month, period) DO UPDATE SET n = initiatives_tally_total.n + excluded.n;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, '
            "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), SUM(CASE "
            "WHEN status = 'submitted' THEN d ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END), "
            "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END), SUM(CASE WHEN status = 'rejected' THEN d "
            "ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END), SUM(CASE WHEN status = "
            "'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, CAST((julianday('now') - 2440587.5) * "
            '86400000000.0 AS INTEGER) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
            "OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = 'sent_to_province' AND "
            "OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', OLD.sent_to_province_date) AS "
            "INTEGER) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND "
            'OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod '
            'pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS '
            'programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN '
            "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
            'NEW.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = '
            "'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
            'initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE '
            "true GROUP BY programme_id, branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR "
            "SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d "
            "ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN "
            "status = 'rejected' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 "
            "END) <> 0 OR SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER "
            'BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = '
            'initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + '
            'excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = '
            'initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = '
            'initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
            'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
            'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
            'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            'benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT '
            "OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, (CAST(strftime('%Y', "
            "OLD.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', OLD.sent_to_province_date) AS "
            'INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
            'WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) AS period, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b '
            "WHERE (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) UNION ALL SELECT "
            "NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, (CAST(strftime('%Y', "
            "NEW.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', NEW.sent_to_province_date) AS "
            'INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
            'WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) AS period, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE '
            "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY "
            'programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, '
            'branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE '
            'SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
            'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
            'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
            'programme_id, member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, '
            'OLD.credited_author_id AS member_id, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE '
            "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) AND OLD.credited_author_id "
            'IS NOT NULL UNION ALL SELECT NEW.programme_id AS programme_id, NEW.credited_author_id AS member_id, 1 '
            "AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = 'sent_to_province' AND "
            'NEW.sent_to_province_date IS NOT NULL) AND NEW.credited_author_id IS NOT NULL) x WHERE true GROUP BY '
            'programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT '
            '(programme_id, member_id) DO UPDATE SET sent = initiatives_tally_credited_sent.sent + excluded.sent, '
            'benefit = initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS '
            'programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
            'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE '
            "a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', 'sent_to_province') "
            'UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS '
            'member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM '
            "initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id "
            'HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT '
            '(programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + '
            'excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited '
            '= 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored '
            "= 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, '
            'SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
            'a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, '
            '-1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id AS "
            'programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
            'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE '
            "a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p "
            'ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE '
            'true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
            '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
            'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
            'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS '
            'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END '
            'AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status '
            "IN ('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id AS "
            'programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
            'NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE '
            "a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * "
            'credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
            'authored = initiatives_tally_member.authored + excluded.authored, credited = '
            'initiatives_tally_member.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            'x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN '
            '-1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN '
            '-1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM '
            '(SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE '
            'WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM '
            "initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, "
            'NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id '
            'THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = '
            "NEW.id AND NEW.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY "
            'programme_id, member_id) x JOIN initiatives_tally_member p ON p.programme_id = x.programme_id AND '
            'p.member_id = x.member_id WHERE true GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT '
            '(programme_id) DO UPDATE SET participants = initiatives_tally_programme.participants + '
            'excluded.participants, authors = initiatives_tally_programme.authors + excluded.authors;\n'
            'END',
            'CREATE TRIGGER tally_initiative_delete AFTER DELETE ON initiatives_initiative FOR EACH ROW\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            'SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT '
            'OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS '
            "status, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN "
            "CAST(strftime('%Y%m', OLD.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN "
            "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT "
            'pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
            'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS '
            'period, -1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, period '
            'HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON CONFLICT '
            '(programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
            'initiatives_tally_cell.n + excluded.n;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS '
            'programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN '
            "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
            'OLD.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = '
            "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
            'initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE '
            'true GROUP BY programme_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY '
            'programme_id, category, status, sent_month, period ON CONFLICT (programme_id, category, status, '
            'sent_month, period) DO UPDATE SET n = initiatives_tally_total.n + excluded.n;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, '
            "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), SUM(CASE "
            "WHEN status = 'submitted' THEN d ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END), "
            "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END), SUM(CASE WHEN status = 'rejected' THEN d "
            "ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END), SUM(CASE WHEN status = "
            "'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, CAST((julianday('now') - 2440587.5) * "
            '86400000000.0 AS INTEGER) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
            "OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = 'sent_to_province' AND "
            "OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', OLD.sent_to_province_date) AS "
            "INTEGER) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND "
            'OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod '
            'pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE true GROUP BY programme_id, '
            "branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
            "'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) <> 0 OR "
            "SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'rejected' "
            "THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) <> 0 OR "
            "SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY "
            'programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = '
            'initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + '
            'excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = '
            'initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = '
            'initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
            'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
            'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
            'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            'benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT '
            "OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, (CAST(strftime('%Y', "
            "OLD.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', OLD.sent_to_province_date) AS "
            'INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
            'WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" '
            'ORDER BY pp.number LIMIT 1), 0) AS period, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b '
            "WHERE (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL)) x WHERE true GROUP "
            'BY programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY '
            'programme_id, branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, '
            'period) DO UPDATE SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
            'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
            'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
            'programme_id, member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, '
            'OLD.credited_author_id AS member_id, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE '
            "(OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) AND OLD.credited_author_id "
            'IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY '
            'programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET sent = '
            'initiatives_tally_credited_sent.sent + excluded.sent, benefit = initiatives_tally_credited_sent.benefit '
            '+ excluded.benefit;\n'
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS '
            'programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = '
            'OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE '
            "a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR "
            'SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, '
            'branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, '
            'credited = initiatives_tally_person.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited '
            '= 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored '
            "= 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, '
            'SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
            'a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, '
            '-1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, "
            'member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = '
            'x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY '
            'x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = '
            'initiatives_tally_branch.participants + excluded.participants, authors = '
            'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
            'excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS '
            'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END '
            'AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status '
            "IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, "
            'member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT '
            '(programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + '
            'excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            'x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN '
            '-1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN '
            '-1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM '
            '(SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE '
            'WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM '
            "initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province')) s GROUP BY programme_id, member_id) x JOIN "
            'initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = x.member_id WHERE true '
            'GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET participants = '
            'initiatives_tally_programme.participants + excluded.participants, authors = '
            'initiatives_tally_programme.authors + excluded.authors;\n'
            'END',
            'CREATE TRIGGER tally_author_insert AFTER INSERT ON initiatives_initiativeauthor FOR EACH ROW\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS '
            'programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
            'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = '
            "NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE "
            'true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY '
            'programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET '
            'authored = initiatives_tally_person.authored + excluded.authored, credited = '
            'initiatives_tally_person.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited '
            '= 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored '
            "= 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, '
            'SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, '
            'NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
            'credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, "
            'member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = '
            'x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY '
            'x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = '
            'initiatives_tally_branch.participants + excluded.participants, authors = '
            'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
            'excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS '
            'branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END '
            'AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, "
            'member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT '
            '(programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + '
            'excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            'x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN '
            '-1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN '
            '-1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM '
            '(SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN '
            'NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative '
            "i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province')) s GROUP BY programme_id, member_id) x JOIN initiatives_tally_member p ON "
            'p.programme_id = x.programme_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id ORDER '
            'BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET participants = '
            'initiatives_tally_programme.participants + excluded.participants, authors = '
            'initiatives_tally_programme.authors + excluded.authors;\n'
            'END',
            'CREATE TRIGGER tally_author_update AFTER UPDATE ON initiatives_initiativeauthor FOR EACH ROW WHEN '
            '(OLD.initiative_id IS DISTINCT FROM NEW.initiative_id OR OLD.member_id IS DISTINCT FROM NEW.member_id)\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS '
            'programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
            'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = '
            "OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province') UNION "
            'ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE '
            'WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM '
            "initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id "
            'HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT '
            '(programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + '
            'excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited '
            '= 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored '
            "= 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, '
            'SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, '
            'OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
            'credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS "
            'programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
            'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = '
            "NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP "
            'BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = '
            'x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY '
            'x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) '
            'DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = '
            'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
            'excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS '
            'branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END '
            'AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS "
            'programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = '
            'i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = '
            "NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE "
            'true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY '
            'programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = '
            'initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
            'excluded.credited;\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            'x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN '
            '-1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN '
            '-1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM '
            '(SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN '
            'OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative '
            "i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, "
            'NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
            'credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, member_id) x "
            'JOIN initiatives_tally_member p ON p.programme_id = x.programme_id AND p.member_id = x.member_id WHERE '
            'true GROUP BY x.programme_id ORDER BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET '
            'participants = initiatives_tally_programme.participants + excluded.participants, authors = '
            'initiatives_tally_programme.authors + excluded.authors;\n'
            'END',
            'CREATE TRIGGER tally_author_delete AFTER DELETE ON initiatives_initiativeauthor FOR EACH ROW\n'
            'BEGIN\n'
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS '
            'programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = '
            'i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = '
            "OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE "
            'true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY '
            'programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET '
            'authored = initiatives_tally_person.authored + excluded.authored, credited = '
            'initiatives_tally_person.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            'changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited '
            '= 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored '
            "= 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), CAST((julianday('now') - "
            '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, '
            'SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, '
            'OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
            'credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, "
            'member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = '
            'x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY '
            'x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = '
            'initiatives_tally_branch.participants + excluded.participants, authors = '
            'initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + '
            'excluded.version, changed = excluded.changed;\n'
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS '
            'branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END '
            'AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
            "('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, "
            'member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT '
            '(programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + '
            'excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\n'
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            'x.programme_id, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN '
            '-1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN '
            '-1 ELSE 0 END), 0, 0 FROM (SELECT programme_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM '
            '(SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN '
            'OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative '
            "i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
            "'sent_to_province')) s GROUP BY programme_id, member_id) x JOIN initiatives_tally_member p ON "
            'p.programme_id = x.programme_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id ORDER '
            'BY x.programme_id ON CONFLICT (programme_id) DO UPDATE SET participants = '
            'initiatives_tally_programme.participants + excluded.participants, authors = '
            'initiatives_tally_programme.authors + excluded.authors;\n'
            'END',
            'CREATE TRIGGER tally_period_insert AFTER INSERT ON initiatives_programmeperiod FOR EACH ROW\n'
            'BEGIN\n'
            'DELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            "SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
            "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) "
            "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
            'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id '
            'AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, '
            'COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id GROUP BY 1, 2, 3, 4, 5, '
            '6;\n'
            'DELETE FROM initiatives_tally_total WHERE programme_id = NEW.programme_id;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
            'programme_id = NEW.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
            'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            "benefit) SELECT i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) "
            "* 10 + (CAST(strftime('%m', i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number "
            'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
            'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
            "NEW.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY "
            '1, 2, 3, 4;\n'
            'END',
            'CREATE TRIGGER tally_period_update AFTER UPDATE ON initiatives_programmeperiod FOR EACH ROW WHEN '
            '(OLD.programme_id IS DISTINCT FROM NEW.programme_id OR OLD.number IS DISTINCT FROM NEW.number OR '
            'OLD.start IS DISTINCT FROM NEW.start OR OLD."end" IS DISTINCT FROM NEW."end")\n'
            'BEGIN\n'
            'DELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            "SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
            "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) "
            "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
            'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id '
            'AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, '
            'COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id GROUP BY 1, 2, 3, 4, 5, '
            '6;\n'
            'DELETE FROM initiatives_tally_total WHERE programme_id = OLD.programme_id;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
            'programme_id = OLD.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
            'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            "benefit) SELECT i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) "
            "* 10 + (CAST(strftime('%m', i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number "
            'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
            'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
            "OLD.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY "
            '1, 2, 3, 4;\n'
            'DELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            "SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
            "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) "
            "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
            'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id '
            'AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, '
            'COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id GROUP BY 1, 2, 3, 4, 5, '
            '6;\n'
            'DELETE FROM initiatives_tally_total WHERE programme_id = NEW.programme_id;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
            'programme_id = NEW.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
            'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            "benefit) SELECT i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) "
            "* 10 + (CAST(strftime('%m', i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number "
            'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
            'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
            "NEW.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY "
            '1, 2, 3, 4;\n'
            'END',
            'CREATE TRIGGER tally_period_delete AFTER DELETE ON initiatives_programmeperiod FOR EACH ROW\n'
            'BEGIN\n'
            'DELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\n'
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            "SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
            "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) "
            "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
            'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id '
            'AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, '
            'COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id GROUP BY 1, 2, 3, 4, 5, '
            '6;\n'
            'DELETE FROM initiatives_tally_total WHERE programme_id = OLD.programme_id;\n'
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
            'programme_id = OLD.programme_id GROUP BY programme_id, category, status, sent_month, period;\n'
            'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\n'
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            "benefit) SELECT i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) "
            "* 10 + (CAST(strftime('%m', i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number "
            'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
            'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
            "OLD.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY "
            '1, 2, 3, 4;\n'
            'END']}
UNINSTALL = {'postgresql': ['DROP TRIGGER IF EXISTS tally_truncate ON initiatives_initiative',
                'DROP FUNCTION IF EXISTS tally_truncate_fn()',
                'DROP TRIGGER IF EXISTS tally_initiative ON initiatives_initiative',
                'DROP FUNCTION IF EXISTS tally_initiative_fn()',
                'DROP TRIGGER IF EXISTS tally_author ON initiatives_initiativeauthor',
                'DROP FUNCTION IF EXISTS tally_author_fn()',
                'DROP TRIGGER IF EXISTS tally_period ON initiatives_programmeperiod',
                'DROP FUNCTION IF EXISTS tally_period_fn()',
                'DROP TRIGGER IF EXISTS tally_programme_bump ON initiatives_programme',
                'DROP FUNCTION IF EXISTS tally_programme_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_branch_bump ON initiatives_branch',
                'DROP FUNCTION IF EXISTS tally_branch_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_cluster_bump ON initiatives_emulationcluster',
                'DROP FUNCTION IF EXISTS tally_cluster_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_pledge_bump ON initiatives_pledge',
                'DROP FUNCTION IF EXISTS tally_pledge_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_target_bump ON initiatives_pledgetarget',
                'DROP FUNCTION IF EXISTS tally_target_bump_fn()',
                'DROP TRIGGER IF EXISTS tally_period_bump ON initiatives_programmeperiod',
                'DROP FUNCTION IF EXISTS tally_period_bump_fn()'],
 'sqlite': ['DROP TRIGGER IF EXISTS tally_initiative_insert',
            'DROP TRIGGER IF EXISTS tally_initiative_update',
            'DROP TRIGGER IF EXISTS tally_initiative_delete',
            'DROP TRIGGER IF EXISTS tally_author_insert',
            'DROP TRIGGER IF EXISTS tally_author_update',
            'DROP TRIGGER IF EXISTS tally_author_delete',
            'DROP TRIGGER IF EXISTS tally_period_insert',
            'DROP TRIGGER IF EXISTS tally_period_update',
            'DROP TRIGGER IF EXISTS tally_period_delete',
            'DROP TRIGGER IF EXISTS tally_programme_bump_insert',
            'DROP TRIGGER IF EXISTS tally_programme_bump_update',
            'DROP TRIGGER IF EXISTS tally_programme_bump_delete',
            'DROP TRIGGER IF EXISTS tally_branch_bump_insert',
            'DROP TRIGGER IF EXISTS tally_branch_bump_update',
            'DROP TRIGGER IF EXISTS tally_branch_bump_delete',
            'DROP TRIGGER IF EXISTS tally_cluster_bump_insert',
            'DROP TRIGGER IF EXISTS tally_cluster_bump_update',
            'DROP TRIGGER IF EXISTS tally_cluster_bump_delete',
            'DROP TRIGGER IF EXISTS tally_pledge_bump_insert',
            'DROP TRIGGER IF EXISTS tally_pledge_bump_update',
            'DROP TRIGGER IF EXISTS tally_pledge_bump_delete',
            'DROP TRIGGER IF EXISTS tally_target_bump_insert',
            'DROP TRIGGER IF EXISTS tally_target_bump_update',
            'DROP TRIGGER IF EXISTS tally_target_bump_delete',
            'DROP TRIGGER IF EXISTS tally_period_bump_insert',
            'DROP TRIGGER IF EXISTS tally_period_bump_update',
            'DROP TRIGGER IF EXISTS tally_period_bump_delete']}
# Recount of one programme: '{programme}' stands for its id.
RECOUNT = {'postgresql': ['DELETE FROM initiatives_tally_cell WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = '
                "'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) '
                "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
                'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = '
                'i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT '
                '1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = {programme} GROUP '
                'BY 1, 2, 3, 4, 5, 6',
                'DELETE FROM initiatives_tally_total WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
                'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
                'programme_id = {programme} GROUP BY programme_id, category, status, sent_month, period',
                'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * '
                '10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
                'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
                'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
                "{programme} AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, "
                '2, 3, 4',
                'DELETE FROM initiatives_tally_credited_sent WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
                'i.programme_id, i.credited_author_id, COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM '
                "initiatives_initiative i WHERE i.programme_id = {programme} AND (i.status = 'sent_to_province' AND "
                'i.sent_to_province_date IS NOT NULL) AND i.credited_author_id IS NOT NULL GROUP BY 1, 2',
                'DELETE FROM initiatives_tally_branch WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN n ELSE 0 END), "
                "SUM(CASE WHEN status = 'submitted' THEN n ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN n "
                "ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN n ELSE 0 END), SUM(CASE WHEN status = "
                "'rejected' THEN n ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN n ELSE 0 END), "
                "SUM(CASE WHEN status = 'sent_to_province' THEN n ELSE 0 END), 0, 0, 0, 0 FROM "
                'initiatives_tally_cell WHERE programme_id = {programme} GROUP BY programme_id, branch_id',
                'DELETE FROM initiatives_tally_person WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT i.programme_id, i.branch_id, a.member_id, COUNT(*), SUM(CASE WHEN a.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END) FROM initiatives_initiativeauthor a JOIN '
                'initiatives_initiative i ON i.id = a.initiative_id WHERE i.programme_id = {programme} AND i.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province') GROUP BY 1, 2, 3",
                'DELETE FROM initiatives_tally_member WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(authored), SUM(credited) FROM initiatives_tally_person WHERE '
                'programme_id = {programme} GROUP BY programme_id, member_id',
                'UPDATE initiatives_tally_branch SET participants = (SELECT COUNT(*) FROM initiatives_tally_person p '
                'WHERE p.programme_id = initiatives_tally_branch.programme_id AND p.branch_id = '
                'initiatives_tally_branch.branch_id AND p.credited > 0), authors = (SELECT COUNT(*) FROM '
                'initiatives_tally_person p WHERE p.programme_id = initiatives_tally_branch.programme_id AND '
                'p.branch_id = initiatives_tally_branch.branch_id AND p.authored > 0) WHERE programme_id = '
                '{programme}',
                'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) '
                'SELECT {programme}, COALESCE(SUM(CASE WHEN credited > 0 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE '
                'WHEN authored > 0 THEN 1 ELSE 0 END), 0), 1, (EXTRACT(EPOCH FROM clock_timestamp()) * '
                '1000000)::bigint FROM initiatives_tally_member WHERE programme_id = {programme} ON CONFLICT '
                '(programme_id) DO UPDATE SET participants = excluded.participants, authors = excluded.authors, '
                'version = initiatives_tally_programme.version + 1, changed = excluded.changed'],
 'sqlite': ['DELETE FROM initiatives_tally_cell WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            "SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
            "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) "
            "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
            'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id '
            'AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, '
            'COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = {programme} GROUP BY 1, 2, 3, 4, 5, 6',
            'DELETE FROM initiatives_tally_total WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_total (programme_id, category, status, sent_month, period, n) SELECT '
            'programme_id, category, status, sent_month, period, SUM(n) FROM initiatives_tally_cell WHERE '
            'programme_id = {programme} GROUP BY programme_id, category, status, sent_month, period',
            'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            "benefit) SELECT i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) "
            "* 10 + (CAST(strftime('%m', i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number "
            'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
            'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
            "{programme} AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, 2, "
            '3, 4',
            'DELETE FROM initiatives_tally_credited_sent WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
            'i.programme_id, i.credited_author_id, COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM '
            "initiatives_initiative i WHERE i.programme_id = {programme} AND (i.status = 'sent_to_province' AND "
            'i.sent_to_province_date IS NOT NULL) AND i.credited_author_id IS NOT NULL GROUP BY 1, 2',
            'DELETE FROM initiatives_tally_branch WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN n ELSE 0 END), SUM(CASE "
            "WHEN status = 'submitted' THEN n ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN n ELSE 0 END), "
            "SUM(CASE WHEN status = 'branch_approved' THEN n ELSE 0 END), SUM(CASE WHEN status = 'rejected' THEN n "
            "ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN n ELSE 0 END), SUM(CASE WHEN status = "
            "'sent_to_province' THEN n ELSE 0 END), 0, 0, 0, 0 FROM initiatives_tally_cell WHERE programme_id = "
            '{programme} GROUP BY programme_id, branch_id',
            'DELETE FROM initiatives_tally_person WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'i.programme_id, i.branch_id, a.member_id, COUNT(*), SUM(CASE WHEN a.member_id = i.credited_author_id '
            'THEN 1 ELSE 0 END) FROM initiatives_initiativeauthor a JOIN initiatives_initiative i ON i.id = '
            "a.initiative_id WHERE i.programme_id = {programme} AND i.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province') GROUP BY 1, 2, 3",
            'DELETE FROM initiatives_tally_member WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(authored), SUM(credited) FROM initiatives_tally_person WHERE programme_id = {programme} '
            'GROUP BY programme_id, member_id',
            'UPDATE initiatives_tally_branch SET participants = (SELECT COUNT(*) FROM initiatives_tally_person p '
            'WHERE p.programme_id = initiatives_tally_branch.programme_id AND p.branch_id = '
            'initiatives_tally_branch.branch_id AND p.credited > 0), authors = (SELECT COUNT(*) FROM '
            'initiatives_tally_person p WHERE p.programme_id = initiatives_tally_branch.programme_id AND p.branch_id '
            '= initiatives_tally_branch.branch_id AND p.authored > 0) WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_programme (programme_id, participants, authors, version, changed) SELECT '
            '{programme}, COALESCE(SUM(CASE WHEN credited > 0 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN '
            "authored > 0 THEN 1 ELSE 0 END), 0), 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) "
            'FROM initiatives_tally_member WHERE programme_id = {programme} ON CONFLICT (programme_id) DO UPDATE SET '
            'participants = excluded.participants, authors = excluded.authors, version = '
            'initiatives_tally_programme.version + 1, changed = excluded.changed']}


def recount(vendor, programme_id):
    return [s.replace("{programme}", str(int(programme_id))) for s in RECOUNT[vendor]]
