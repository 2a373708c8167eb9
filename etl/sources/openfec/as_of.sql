SELECT max(transaction_dt)::VARCHAR FROM contributions WHERE source = 'openfec'
