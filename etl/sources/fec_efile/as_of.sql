SELECT max(coverage_through)::VARCHAR FROM filings
