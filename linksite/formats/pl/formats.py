DATE_FORMAT = "j E Y"  # 1 czerwca 2025: the month in the genitive
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "E Y"  # in "od kwietnia 2026 do marca 2027"
