"""The benchmark (bench --site SITE kelisim-benchmark)."""
