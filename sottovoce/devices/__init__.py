"""Device protocol and backends (simulated world, clock, persistent store). Imports nothing above."""
