from xlsxwriter.workbook import Workbook as Workbook
