// The demo sign-ins printed at start-up and used by the end-to-end tests. Plain data.
export const DEMO_PASSWORD = "chophien2026";

export const demoAccounts = [
  { role: "admin", name: "Trần Thị Minh Thư", phone: "0900 000 001", email: "admin@chophien.vn" },
  { role: "volunteer", name: "Nguyễn Văn Khoa", phone: "0900 000 002", email: "tnv.khoa@chophien.vn" },
  { role: "seller", name: "Lê Thị Hạnh", phone: "0900 000 003", email: null },
  { role: "buyer", name: "Phạm Quốc Bảo", phone: "0900 000 004", email: "bao.pham@example.vn" },
] as const;
