-- 泸州市 (510500): its 2024-07-01 standards (#16, official). Until 泸州 publishes its 2025
-- figures here, cases in 泸州 use these and not the later provincial floor: the most specific
-- region that defines a parameter decides it (SPEC §5).
region { code = "510500", name = "泸州市" }

param "dibao.standard.urban" {
  { from = "2024-07-01", value = yuan(788), source = "泸州市 2024 年城乡低保标准（泸州市人民政府网）", confidence = "official" },
}
param "dibao.standard.rural" {
  { from = "2024-07-01", value = yuan(580), source = "泸州市 2024 年城乡低保标准（泸州市人民政府网）", confidence = "official" },
}
