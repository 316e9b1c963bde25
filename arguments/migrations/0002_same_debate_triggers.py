"""Database triggers: a relation's claims, and a claim's holder and sources, belong to the
same debate as the row itself. A CHECK constraint cannot look at another table, and Django
5.2 has no composite foreign keys, so triggers do it on both PostgreSQL and SQLite.

SQLite drops triggers when a later migration rebuilds a table: tests/test_models.py
asserts these rules, so such a migration fails the suite until it recreates them.
"""

from django.db import migrations

# (trigger name, table, [(foreign key column, referenced table)])
RULES = [
    (
        "relation_same_debate",
        "arguments_relation",
        [
            ("from_claim_id", "arguments_claim"),
            ("to_claim_id", "arguments_claim"),
            ("drawn_by_id", "arguments_participant"),
            ("source_id", "arguments_source"),
        ],
    ),
    (
        "claim_same_debate",
        "arguments_claim",
        [
            ("holder_id", "arguments_participant"),
            ("source_id", "arguments_source"),
            ("via_id", "arguments_source"),
        ],
    ),
]


def _mismatch(columns, row="NEW"):
    # A NULL foreign key (optional link) is no mismatch.
    return " OR ".join(
        f"({row}.{column} IS NOT NULL AND "
        f"(SELECT debate_id FROM {table} WHERE id = {row}.{column}) IS DISTINCT FROM {row}.debate_id)"
        for column, table in columns
    )


def create(apps, schema_editor, rules=RULES):
    vendor = schema_editor.connection.vendor
    for name, table, columns in rules:
        message = f"{name}: linked rows must belong to the same debate"
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
                BEGIN
                  IF {_mismatch(columns)} THEN
                    RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                """
            )
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}();"
            )
        elif vendor == "sqlite":
            condition = _mismatch(columns).replace("IS DISTINCT FROM", "IS NOT")
            for event in ("INSERT", "UPDATE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {name}_{event.lower()} BEFORE {event} ON {table} "
                    f"WHEN {condition} BEGIN SELECT RAISE(ABORT, '{message}'); END;"
                )
        else:
            raise NotImplementedError(f"no same-debate triggers for {vendor}")


def drop(apps, schema_editor, rules=RULES):
    vendor = schema_editor.connection.vendor
    for name, table, _columns in rules:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}();")
        else:
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event};")


class Migration(migrations.Migration):
    dependencies = [("arguments", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
