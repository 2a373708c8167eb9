SELECT max(retrieved_at)::DATE::VARCHAR FROM award_records WHERE source = 'fpds'
