-- 简阳市 (510185), 成都市: one of 成都's outer counties, whose 2025 低保 standard was
-- lower than the central districts' (950 vs 990 元); from 2026 the standard is city-wide.
region { code = "510185", name = "简阳市" }

param "dibao.standard.urban" {
  { from = "2025-01-01", value = yuan(950),  source = "成都市 2025 年城乡低保标准（简阳市等 8 个区县）", confidence = "reported" },
  { from = "2026-01-01", value = yuan(1120), source = "成都市 2026 年城乡低保标准（全市统一）", confidence = "reported" },
}
param "dibao.standard.rural" {
  { from = "2025-01-01", value = yuan(950),  source = "成都市 2025 年城乡低保标准（简阳市等 8 个区县）", confidence = "reported" },
  { from = "2026-01-01", value = yuan(1120), source = "成都市 2026 年城乡低保标准（全市统一）", confidence = "reported" },
}
