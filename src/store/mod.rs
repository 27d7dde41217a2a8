//! The only place with SQL: schema, migrations, queries, transactions, audit.
