SELECT max(transaction_dt)::VARCHAR FROM contributions WHERE source = 'fec_bulk'
