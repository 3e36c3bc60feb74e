// Every UI string, in Vietnamese (the default) and English. The English table must have exactly the
// same keys: TypeScript refuses a missing one. "{name}" placeholders are filled by t().
// A typed table instead of an i18n framework keeps the client bundle small (docs/decisions/004).

export const vi = {
  "app.name": "Chợ Phiên",
  "app.tagline": "Nông sản và sản phẩm khởi nghiệp Khánh Hòa, từ tận vườn đến tận nhà",
  "nav.home": "Trang chủ",
  "nav.signIn": "Đăng nhập",
  "nav.signOut": "Đăng xuất",
  "nav.account": "Tài khoản",
  "nav.language": "Ngôn ngữ",
  "nav.switchTo": "English",
  "nav.skipToContent": "Bỏ qua, đến nội dung chính",
  "home.title": "Chợ Phiên — chợ nông sản Khánh Hòa",
  "home.description":
    "Mua đặc sản Khánh Hòa trực tiếp từ hộ nông dân và nhóm khởi nghiệp thanh niên: xoài Cam Lâm, yến sào, tỏi Phan Rang, nước mắm và nhiều hơn nữa.",
  "home.categories": "Danh mục",
  "home.ocop": "Sản phẩm OCOP nổi bật",
  "home.newArrivals": "Hàng mới lên kệ",
  "home.sellers": "Nhà vườn và cơ sở",
  "home.stats": "{sellers} người bán · {products} sản phẩm · {communes} xã, phường",
  "product.perUnit": "/ {unit}",
  "product.ocopStars": "OCOP {stars} sao",
  "product.vietgap": "VietGAP",
  "product.organic": "Hữu cơ",
  "product.outOfStock": "Hết hàng",
  "product.productsCount": "{count} sản phẩm",
  "seller.household": "Hộ sản xuất",
  "seller.startup": "Khởi nghiệp",
  "login.title": "Đăng nhập",
  "login.identifier": "Số điện thoại hoặc email",
  "login.identifierHint": "Ví dụ: 0905 123 456",
  "login.password": "Mật khẩu",
  "login.remember": "Ghi nhớ đăng nhập trên thiết bị này",
  "login.submit": "Đăng nhập",
  "login.invalid": "Số điện thoại, email hoặc mật khẩu không đúng.",
  "login.rateLimited": "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
  "login.signedInAs": "Đang đăng nhập: {name}",
  "validation.required": "Vui lòng nhập thông tin này.",
  "validation.identifier": "Nhập số điện thoại Việt Nam hoặc địa chỉ email hợp lệ.",
  "validation.tooLong": "Quá dài.",
  "account.title": "Tài khoản của tôi",
  "account.roles": "Vai trò",
  "account.demo": "Bạn đang dùng tài khoản demo.",
  "role.admin": "Quản trị viên",
  "role.volunteer": "Tình nguyện viên",
  "role.seller": "Người bán",
  "role.buyer": "Người mua",
  "error.400.title": "Yêu cầu không hợp lệ",
  "error.400.body": "Thông tin gửi lên chưa đúng. Vui lòng kiểm tra lại.",
  "error.403.title": "Không có quyền truy cập",
  "error.403.body": "Tài khoản của bạn không được phép xem trang này.",
  "error.404.title": "Không tìm thấy trang",
  "error.404.body": "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
  "error.500.title": "Đã có lỗi xảy ra",
  "error.500.body": "Xin lỗi, hệ thống gặp sự cố. Vui lòng thử lại sau ít phút.",
  "error.backHome": "Về trang chủ",
  "footer.about":
    "Chợ Phiên do Đoàn Thanh niên và các tổ công nghệ số cộng đồng Khánh Hòa cùng xây dựng. Mã nguồn mở.",
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  "app.name": "Chợ Phiên",
  "app.tagline": "Produce and youth start-up goods from Khánh Hòa, from the farm to your door",
  "nav.home": "Home",
  "nav.signIn": "Sign in",
  "nav.signOut": "Sign out",
  "nav.account": "Account",
  "nav.language": "Language",
  "nav.switchTo": "Tiếng Việt",
  "nav.skipToContent": "Skip to main content",
  "home.title": "Chợ Phiên — Khánh Hòa's farm market",
  "home.description":
    "Buy Khánh Hòa specialities straight from farm households and youth start-ups: Cam Lâm mangoes, bird's nest, Phan Rang garlic, fish sauce and more.",
  "home.categories": "Categories",
  "home.ocop": "Featured OCOP products",
  "home.newArrivals": "New arrivals",
  "home.sellers": "Farms and makers",
  "home.stats": "{sellers} sellers · {products} products · {communes} communes and wards",
  "product.perUnit": "/ {unit}",
  "product.ocopStars": "OCOP {stars} stars",
  "product.vietgap": "VietGAP",
  "product.organic": "Organic",
  "product.outOfStock": "Sold out",
  "product.productsCount": "{count} products",
  "seller.household": "Farm household",
  "seller.startup": "Start-up",
  "login.title": "Sign in",
  "login.identifier": "Phone number or email",
  "login.identifierHint": "For example: 0905 123 456",
  "login.password": "Password",
  "login.remember": "Keep me signed in on this device",
  "login.submit": "Sign in",
  "login.invalid": "Wrong phone number, email or password.",
  "login.rateLimited": "Too many attempts. Please try again in {minutes} minutes.",
  "login.signedInAs": "Signed in as {name}",
  "validation.required": "Please fill this in.",
  "validation.identifier": "Enter a Vietnamese phone number or a valid email address.",
  "validation.tooLong": "Too long.",
  "account.title": "My account",
  "account.roles": "Roles",
  "account.demo": "You are using a demo account.",
  "role.admin": "Administrator",
  "role.volunteer": "Volunteer",
  "role.seller": "Seller",
  "role.buyer": "Buyer",
  "error.400.title": "Bad request",
  "error.400.body": "Something in what was sent is not right. Please check and try again.",
  "error.403.title": "Access denied",
  "error.403.body": "Your account is not allowed to see this page.",
  "error.404.title": "Page not found",
  "error.404.body": "The page you are looking for does not exist or has moved.",
  "error.500.title": "Something went wrong",
  "error.500.body": "Sorry, something broke on our side. Please try again in a few minutes.",
  "error.backHome": "Back to the home page",
  "footer.about":
    "Chợ Phiên is built by the Youth Union and Khánh Hòa's community digital teams. Open source.",
};

export const catalogs = { vi: vi as Messages, en } as const;

/** Looks up a message and fills its {placeholders}. */
export function translate(
  messages: Messages,
  key: MessageKey,
  params?: Record<string, string | number>,
) {
  const text = messages[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
