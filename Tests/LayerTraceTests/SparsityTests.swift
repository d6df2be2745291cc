import LayerTrace
import Testing

struct SparsityTests {
  @Test(arguments: [
    ("dense", Sparsity.dense), ("2:4", .twoFour), ("1:4", .structured(n: 1, m: 4)),
    ("4:8", .structured(n: 4, m: 8)), ("1:1", .dense), ("4:4", .dense),
  ])
  func `parses dense and N:M`(_ text: String, _ expected: Sparsity) {
    #expect(Sparsity(parsing: text) == expected)
  }

  @Test(arguments: ["", "2:", ":4", "3:2", "0:4", "2:4:8", "-1:4", "2:2048", "sparse", "2/4"])
  func `rejects malformed patterns`(_ text: String) {
    #expect(Sparsity(parsing: text) == nil)
  }

  @Test func `packed bytes round up`() {
    #expect(packedBytes(count: 3, bits: 4) == 2)
    #expect(packedBytes(count: 4, bits: 4) == 2)
    #expect(packedBytes(count: 5, bits: 5) == 4)
    #expect(packedBytes(count: Int.max, bits: 8) == nil)
  }

  @Test func `checked products report overflow instead of trapping`() {
    #expect(checkedProduct(1 << 31, 1 << 31) == 1 << 62)
    #expect(checkedProduct(1 << 32, 1 << 32) == nil)
    #expect(checkedSum(of: [Int.max, 1]) == nil)
  }
}
