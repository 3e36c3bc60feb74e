// Strings of the seller workspace (import), Vietnamese first; the English table must have the same keys.
export const importVi = {
  "import.title": "Nhập sản phẩm từ bảng tính",
  "import.intro":
    "Có sẵn danh sách sản phẩm trong Excel? Tải lên tệp .xlsx hoặc .csv. Bạn sẽ xem trước từng dòng đúng như khi lưu; chưa có gì được lưu cho đến khi bạn xác nhận.",
  "import.howTitle": "Bảng tính cần có",
  "import.howHeader":
    "Dòng đầu là tên cột: Tên sản phẩm, Danh mục, Đơn vị, Bước, Giá (đ), Tồn kho, Mô tả. Gõ có dấu hay không dấu đều được.",
  "import.howUnits": "Đơn vị: {units}.",
  "import.howCategories": "Danh mục (tên hoặc mã): {categories}.",
  "import.howNumbers":
    "Giá là số đồng nguyên, ví dụ 65.000. Bước là lượng bán mỗi lần (ví dụ 0,5 kg); để trống nghĩa là 1. Tồn kho phải là bội số của bước.",
  "import.howAllOrNothing":
    "Chỉ lưu khi mọi dòng đều đúng. Nếu có dòng lỗi, hãy sửa trong bảng tính rồi tải lên lại. Sản phẩm được đăng bán ngay khi bạn xác nhận.",
  "import.limits": "Tối đa {rows} dòng sản phẩm, tệp tối đa {megabytes} MB.",
  "import.template": "Tải bảng mẫu (CSV)",
  "import.file": "Tệp bảng tính (.xlsx hoặc .csv)",
  "import.upload": "Tải lên và xem trước",
  "import.suspended": "Gian hàng đang tạm ngưng nên chưa thể nhập sản phẩm.",
  "import.file.missing": "Hãy chọn một tệp bảng tính.",
  "import.file.tooLarge": "Tệp quá lớn (tối đa {megabytes} MB). Hãy chia thành nhiều tệp nhỏ hơn.",
  "import.file.unsupported":
    "Không đọc được tệp này. Hãy lưu bảng tính dưới dạng Excel (.xlsx) hoặc CSV UTF-8 (.csv) rồi tải lên lại.",
  "import.file.xls":
    "Đây là tệp Excel đời cũ (.xls). Trong Excel, chọn Lưu thành → Sổ làm việc Excel (.xlsx) rồi tải lên lại.",
  "import.file.encoding":
    "Tệp CSV không dùng mã UTF-8 nên chữ có dấu sẽ bị lỗi. Trong Excel, chọn Lưu thành → CSV UTF-8 rồi tải lên lại.",
  "import.file.empty": "Bảng tính không có dòng sản phẩm nào.",
  "import.file.tooManyRows":
    "Bảng tính có {count} dòng sản phẩm, nhiều hơn giới hạn {max} dòng. Hãy chia thành nhiều tệp.",
  "import.file.missingColumns":
    "Thiếu cột {columns}. Dòng đầu của bảng tính phải là tên các cột, như trong bảng mẫu.",
  "import.file.duplicateColumn": "Cột “{first}” và “{second}” là cùng một thông tin; hãy giữ một cột.",
  "import.error.at": "Dòng {row}, cột “{column}”: {message}",
  "import.error.required": "chưa có. Hãy điền vào ô này.",
  "import.error.tooLong": "quá dài, tối đa {max} ký tự.",
  "import.error.unit": "không có đơn vị “{value}”. Dùng một trong: {units}.",
  "import.error.category": "không có danh mục “{value}”. Dùng một danh mục trong danh sách ở trang tải lên.",
  "import.error.price": "“{value}” không phải giá hợp lệ. Ghi số đồng nguyên lớn hơn 0, ví dụ 65.000.",
  "import.error.step": "“{value}” không phải bước bán hợp lệ. Ghi số lớn hơn 0, ví dụ 0,5 hoặc 1.",
  "import.error.stock": "“{value}” không phải số lượng hợp lệ. Ghi số không âm, ví dụ 20 hoặc 12,5.",
  "import.error.stockStep":
    "tồn kho {stock} không chia hết cho bước {step}. Ví dụ bước 0,5 thì tồn kho 10 hoặc 10,5.",
  "import.error.invalid": "“{value}” không hợp lệ.",
  "import.preview.title": "Xem trước: {fileName}",
  "import.preview.summary": "{total} dòng: {valid} dòng đúng, {errors} dòng lỗi.",
  "import.preview.hasErrors":
    "Có {errors} dòng lỗi nên chưa thể lưu, và chưa có gì được lưu. Hãy sửa các ô dưới đây trong bảng tính rồi tải lên lại.",
  "import.preview.ready": "Mọi dòng đều đúng. Đây là các sản phẩm sẽ được lưu và đăng bán.",
  "import.preview.confirm": "Xác nhận nhập {count} sản phẩm",
  "import.preview.reupload": "Tải lên tệp đã sửa",
  "import.preview.ignored": "Bỏ qua các cột không dùng: {columns}.",
  "import.preview.committed": "Đã nhập {count} sản phẩm.",
  "import.preview.seeListings": "Xem sản phẩm của gian hàng",
  "import.preview.storefront": "Xem gian hàng như người mua",
  "import.preview.errorList": "Các lỗi cần sửa",
  "import.col.row": "Dòng",
  "import.col.name": "Tên sản phẩm",
  "import.col.category": "Danh mục",
  "import.col.unit": "Đơn vị",
  "import.col.step": "Bước",
  "import.col.price": "Giá",
  "import.col.stock": "Tồn kho",
  "import.rowError": "Lỗi",
  "import.notFound": "Không tìm thấy lần nhập này.",
  "import.alreadyCommitted": "Lần nhập này đã được lưu rồi.",
  "import.notReady": "Còn dòng lỗi nên chưa thể lưu. Hãy sửa bảng tính rồi tải lên lại.",
  "import.stale": "Danh mục đã thay đổi từ lúc xem trước. Hãy tải tệp lên lại.",
  "import.shopNotApproved": "Gian hàng chưa được duyệt hoặc đang tạm ngưng nên chưa thể nhập sản phẩm.",
} as const;

export const importEn: Record<keyof typeof importVi, string> = {
  "import.title": "Import products from a spreadsheet",
  "import.intro":
    "Have the products in a spreadsheet already? Upload an .xlsx or .csv file. You will see every row exactly as it will be saved; nothing is saved until you confirm.",
  "import.howTitle": "What the spreadsheet needs",
  "import.howHeader":
    "The first row names the columns: Name, Category, Unit, Step, Price, Stock, Description (Vietnamese names, with or without accents, work too).",
  "import.howUnits": "Units: {units}.",
  "import.howCategories": "Categories (name or code): {categories}.",
  "import.howNumbers":
    "Price is whole đồng, e.g. 65.000. Step is how much is sold at a time (e.g. 0,5 kg); empty means 1. Stock must be a multiple of the step.",
  "import.howAllOrNothing":
    "Nothing is saved unless every row is right. If a row has an error, fix it in the spreadsheet and upload it again. Products go on sale as soon as you confirm.",
  "import.limits": "At most {rows} product rows and {megabytes} MB per file.",
  "import.template": "Download the template (CSV)",
  "import.file": "Spreadsheet file (.xlsx or .csv)",
  "import.upload": "Upload and preview",
  "import.suspended": "The shop is suspended, so products cannot be imported.",
  "import.file.missing": "Choose a spreadsheet file.",
  "import.file.tooLarge": "The file is too large (at most {megabytes} MB). Split it into smaller files.",
  "import.file.unsupported":
    "This file cannot be read. Save the spreadsheet as Excel (.xlsx) or CSV UTF-8 (.csv) and upload it again.",
  "import.file.xls":
    "This is an old Excel file (.xls). In Excel, choose Save as → Excel Workbook (.xlsx) and upload it again.",
  "import.file.encoding":
    "The CSV file is not UTF-8, so accented letters would be garbled. In Excel, choose Save as → CSV UTF-8 and upload it again.",
  "import.file.empty": "The spreadsheet has no product rows.",
  "import.file.tooManyRows":
    "The spreadsheet has {count} product rows, more than the limit of {max}. Split it into several files.",
  "import.file.missingColumns":
    "Missing column {columns}. The first row of the spreadsheet must name the columns, as in the template.",
  "import.file.duplicateColumn": "Columns “{first}” and “{second}” hold the same thing; keep one of them.",
  "import.error.at": "Row {row}, column “{column}”: {message}",
  "import.error.required": "is empty. Fill in this cell.",
  "import.error.tooLong": "is too long, at most {max} characters.",
  "import.error.unit": "there is no unit “{value}”. Use one of: {units}.",
  "import.error.category": "there is no category “{value}”. Use a category from the list on the upload page.",
  "import.error.price": "“{value}” is not a valid price. Write whole đồng above 0, e.g. 65.000.",
  "import.error.step": "“{value}” is not a valid step. Write a number above 0, e.g. 0,5 or 1.",
  "import.error.stock": "“{value}” is not a valid quantity. Write a number of 0 or more, e.g. 20 or 12,5.",
  "import.error.stockStep":
    "the stock {stock} is not a multiple of the step {step}. With a step of 0,5, stock can be 10 or 10,5.",
  "import.error.invalid": "“{value}” is not valid.",
  "import.preview.title": "Preview: {fileName}",
  "import.preview.summary": "{total} rows: {valid} right, {errors} with errors.",
  "import.preview.hasErrors":
    "{errors} rows have errors, so nothing can be saved yet, and nothing has been. Fix the cells below in the spreadsheet and upload it again.",
  "import.preview.ready": "Every row is right. These are the products that will be saved and put on sale.",
  "import.preview.confirm": "Confirm: import {count} products",
  "import.preview.reupload": "Upload the corrected file",
  "import.preview.ignored": "Ignored columns: {columns}.",
  "import.preview.committed": "{count} products imported.",
  "import.preview.seeListings": "See the shop's products",
  "import.preview.storefront": "See the shop as buyers do",
  "import.preview.errorList": "Errors to fix",
  "import.col.row": "Row",
  "import.col.name": "Name",
  "import.col.category": "Category",
  "import.col.unit": "Unit",
  "import.col.step": "Step",
  "import.col.price": "Price",
  "import.col.stock": "Stock",
  "import.rowError": "Error",
  "import.notFound": "This import was not found.",
  "import.alreadyCommitted": "This import has already been saved.",
  "import.notReady":
    "Some rows still have errors, so nothing can be saved. Fix the spreadsheet and upload it again.",
  "import.stale": "Categories changed since the preview. Upload the file again.",
  "import.shopNotApproved": "The shop is not approved or is suspended, so products cannot be imported.",
};
