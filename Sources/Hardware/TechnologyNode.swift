/// A CMOS technology node with default energy and area tables (JSON `energy.technology_nm`).
///
/// The defaults are built at 45 nm from the cited tables (`EnergyTable+Defaults.swift`) and
/// carried to the other nodes by three different rules, because logic, SRAM and DRAM scale
/// differently:
///
/// | what | rule | 16 nm | 7 nm | 5 nm |
/// |---|---|---|---|---|
/// | logic energy and leakage (MAC, register, vector unit, sparse decode) | ``logicEnergyFactor`` | 0.142 | 0.066 | 0.048 |
/// | logic area (MAC, register, vector lane) | ``logicAreaFactor`` | 0.19 | 0.059 | 0.0421 |
/// | SRAM access energy | ``sramEnergyFactor``, √(node/45) | 0.596 | 0.394 | 0.333 |
/// | SRAM leakage | ``sramLeakageFactor``, √(node/45) · 0.79 below 22 nm | 0.471 | 0.312 | 0.263 |
/// | SRAM area | a density per node (not a factor) | | | |
/// | DRAM energy | never scaled | | | |
public enum TechnologyNode: Int, CaseIterable, Hashable, Sendable {
  case nm45 = 45
  case nm16 = 16
  case nm7 = 7
  case nm5 = 5

  /// The node's supply voltage used for energy scaling, in volts: 0.9 V at 45 nm (Horowitz's
  /// operating point), 0.8 V at 16 nm, 0.75 V at 7 nm, 0.7 V at 5 nm (shared/reference
  /// energy.md §1.4).
  public var volts: Double {
    switch self {
    case .nm45: 0.9
    case .nm16: 0.8
    case .nm7: 0.75
    case .nm5: 0.7
    }
  }

  /// Logic energy relative to 45 nm at 0.9 V: Stillmaker & Baas, "Scaling equations for the
  /// accurate prediction of CMOS device performance from 180 nm to 7 nm" (Integration 58,
  /// 2017), as coded in Accelergy's `hwcomponents/scaling/techscaling.py`.
  ///
  /// Energy at node n and voltage V is proportional to `a·V² + b·V + c` with the node's fitted
  /// coefficients (45 nm: 1.103, −0.362, 0.2767; 16 nm: 0.2958, −0.1241, 0.03024; 7 nm:
  /// 0.1776, −0.09097, 0.02447); below 7 nm the 7 nm polynomial times √(n/7). The factors are
  /// the values quoted in energy.md §1.4 (the polynomials give 45 nm@0.9 V → 16 nm@0.8 V
  /// 0.14245, → 7 nm@0.75 V 0.06649, → 5 nm@0.7 V 0.04786; the quoted 0.066 truncates
  /// 0.0665) [derived].
  /// Leakage power uses the same factor (hwcomponents' `tech_node_leak`).
  public var logicEnergyFactor: Double {
    switch self {
    case .nm45: 1
    case .nm16: 0.142
    case .nm7: 0.066
    case .nm5: 0.048
    }
  }

  /// Logic area relative to 45 nm: the Stillmaker & Baas area table as coded in Accelergy's
  /// `techscaling.py` (`AREA_SCALING`, row 45 nm: 16 nm 0.19, 7 nm 0.059) [verified, source];
  /// below 7 nm hwcomponents scales linearly with the node, so 5 nm = 0.059 · 5/7 = 0.0421
  /// [derived].
  public var logicAreaFactor: Double {
    switch self {
    case .nm45: 1
    case .nm16: 0.19
    case .nm7: 0.059
    case .nm5: 0.059 * 5 / 7
    }
  }

  /// SRAM access energy relative to 45 nm: √(node / 45).
  ///
  /// Accelergy's CACTI plug-in (`hwcomponents_cacti.py`) runs CACTI at 22–90 nm and scales
  /// the 22 nm result by √(node/22) below that [verified, source]. CACTI is not run here, so
  /// the square-root rule is applied from the 45 nm Horowitz values down [derived]; SRAM is
  /// deliberately *not* scaled with the logic factor.
  public var sramEnergyFactor: Double { (Double(rawValue) / 45).squareRoot() }

  /// SRAM leakage relative to 45 nm: √(node / 45), times 0.79 for FinFET nodes (below 22 nm),
  /// the CACTI plug-in's rule (Parvais et al., VLSI-TSA 2009: FinFETs leak about 21 % less)
  /// [verified, source; applied from 45 nm: derived].
  public var sramLeakageFactor: Double {
    sramEnergyFactor * (rawValue < 22 ? 0.79 : 1)
  }

  /// The accepted values, for messages: `45, 16, 7, 5`.
  public static var acceptedText: String {
    allCases.map { String($0.rawValue) }.joined(separator: ", ")
  }
}
