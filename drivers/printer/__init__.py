from drivers.printer import escpos_cache

escpos_cache.prepare()  # before any module here imports escpos
