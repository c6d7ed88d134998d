"""The team server: Roadster customer events in, deals, the customer register and the audit log shared by desks.

One process (``dealer-desk server``) on one database: a SQLite file for a single rooftop, PostgreSQL for a group
(several processes may share one PostgreSQL database). Nothing in ``desktop`` below the CLI imports this package.
"""
