SELECT max(inventory_year)::VARCHAR FROM ai_use_cases
