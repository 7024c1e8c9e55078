"""Files in and out: the portfolio workbook, backups, calendars."""
