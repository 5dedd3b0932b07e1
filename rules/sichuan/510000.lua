-- 四川省 (510000): provincial defaults for every parameter of 川办发〔2025〕53号.
-- Sources: ../../shared/data/params-sources.md (the # numbers below refer to its rows).
-- confidence: official (文号 quoted), reported (news / agreeing pages), inferred (arithmetic
-- from sourced figures), placeholder (no Sichuan figure found: set it locally).
region { code = "510000", name = "四川省" }

-- 城乡低保标准低限 (#7, #5, #1)
param "dibao.standard.urban" {
  { from = "2023-07-01", value = yuan(740), source = "川民发〔2023〕100号 城市低保标准低限", confidence = "official" },
  { from = "2024-07-01", value = yuan(788), source = "由 2025 年增幅反推（泸州、青川 2024 年标准印证）", confidence = "inferred" },
  { from = "2025-07-01", value = yuan(826), source = "四川日报 2025-08-01：2025 年全省城市低保标准低限", confidence = "reported" },
}
param "dibao.standard.rural" {
  { from = "2023-07-01", value = yuan(533), source = "川民发〔2023〕100号 农村低保标准低限", confidence = "official" },
  { from = "2024-07-01", value = yuan(580), source = "由 2025 年增幅反推（泸州、青川 2024 年标准印证）", confidence = "inferred" },
  { from = "2025-07-01", value = yuan(620), source = "四川日报 2025-08-01：2025 年全省农村低保标准低限", confidence = "reported" },
}

-- 特困人员基本生活标准低限 (#3, #4)
param "tekun.standard.urban" {
  { from = "2025-07-01", value = yuan(1074), source = "四川日报 2025-08-01：城市特困人员基本生活标准低限", confidence = "reported" },
}
param "tekun.standard.rural" {
  { from = "2025-07-01", value = yuan(806), source = "四川日报 2025-08-01：农村特困人员基本生活标准低限", confidence = "reported" },
}

-- 孤儿基本生活最低养育标准 (#19, #18)
param "orphan.standard.institution" {
  { from = "2019-01-01", value = yuan(1400), source = "2019 年四川省孤儿基本生活最低养育标准（机构）", confidence = "reported" },
  { from = "2022-01-01", value = yuan(1600), source = "2022 年四川省孤儿基本生活最低养育标准（机构），巴中市转引", confidence = "reported" },
}
param "orphan.standard.scattered" {
  { from = "2019-01-01", value = yuan(900), source = "2019 年四川省孤儿基本生活最低养育标准（散居）", confidence = "reported" },
  { from = "2022-01-01", value = yuan(1200), source = "2022 年四川省孤儿基本生活最低养育标准（散居），巴中市转引", confidence = "reported" },
}

-- 单人户纳入低保 (二)
param "dibao.single_person.uplift_bp" {
  { value = 0, source = "未查到四川省单人户增发比例；各地设定", confidence = "placeholder" },
}
param "disability.severe.max_grade" {
  { value = 2, source = "民发〔2021〕57号：一级、二级残疾为重度残疾", confidence = "official" },
}
param "disability.severe.intellectual_mental_max_grade" {
  { value = 3, source = "民发〔2021〕57号：三级智力、精神残疾按重度残疾", confidence = "official" },
}

-- 孤儿年满 18 周岁后在校补差 (二)：各地可结合实际细化完善
param "orphan.adult_student_topup.enabled" {
  { value = true, source = "川办发〔2025〕53号 (二)：各地可按散居孤儿标准补差", confidence = "placeholder" },
}
param "orphan.adult_student_topup.max_age" {
  { value = 0, source = "川办发〔2025〕53号 未设年龄上限（0 = 不限）；各地可设定", confidence = "placeholder" },
}

-- 临时救助 (三) (#26, #27)
param "relief.temporary.expense_multiple_bp" {
  { from = "2024-01-01", value = 20000, source = "四川省临时救助工作规程（2024 年修订）：支出型不低于 2 倍月低保标准", confidence = "reported" },
}
param "relief.temporary.urgent_multiple_bp" {
  { from = "2024-01-01", value = 10000, source = "四川省临时救助工作规程（2024 年修订）：急难型不低于 1 倍月低保标准", confidence = "reported" },
}
param "relief.temporary.child_uplift_bp" {
  { value = 10000, source = "川办发〔2025〕53号 (三)“适当提高救助水平”，未定比例；各地设定", confidence = "placeholder" },
}
param "relief.temporary.annual_cap" {
  { value = 0, source = "未查到全省年度上限（0 = 不设上限）；各地设定", confidence = "placeholder" },
}

-- 教育资助 (四) (#37, #33, #34)
param "edu.living_subsidy.primary" {
  { from = "2024-01-01", value = yuan(1250), source = "义务教育家庭经济困难寄宿生生活补助（国家基础标准，小学）", confidence = "reported" },
}
param "edu.living_subsidy.junior_secondary" {
  { from = "2024-01-01", value = yuan(1500), source = "义务教育家庭经济困难寄宿生生活补助（国家基础标准，初中）", confidence = "reported" },
}
param "edu.living_subsidy.nonboarding_bp" {
  { from = "2024-01-01", value = 5000, source = "非寄宿生按寄宿生标准的 50% 补助（国家基础标准）", confidence = "reported" },
}
param "edu.grant.ordinary_high" {
  { from = "2025-01-01", value = yuan(2300), source = "普通高中国家助学金平均标准（2025 年春季学期起）", confidence = "reported" },
}
param "edu.grant.secondary_vocational" {
  { from = "2025-01-01", value = yuan(2300), source = "中职国家助学金平均标准（2025 年春季学期起）", confidence = "reported" },
}
param "edu.tuition.ordinary_high" {
  { value = 0, source = "学杂费标准由各地核定（0 = 金额待定，仍予免除）", confidence = "placeholder" },
}
param "edu.tuition.secondary_vocational" {
  { value = 0, source = "学杂费标准由各地核定（0 = 金额待定，仍予免除）", confidence = "placeholder" },
}

-- 医疗保障 (六) (#32; 医疗救助 #29 未查到四川标准，按国办发〔2015〕30号模式设占位值)
param "medical.premium.individual" {
  { from = "2025-01-01", value = yuan(400), source = "城乡居民医保 2025 年度个人缴费标准（国家）", confidence = "reported" },
  { from = "2026-01-01", value = yuan(400), source = "城乡居民医保 2026 年度个人缴费标准（国家）", confidence = "reported" },
}
param "medical.premium_subsidy.extra_categories" {
  { value = {}, source = "川办发〔2025〕53号 (六)：全额资助孤儿参保；其他类别由各地决定（列出类别名，如 \"de_facto_unsupported\"）", confidence = "official" },
}
param "medical.assistance.tekun.deductible" { { value = 0, source = "占位：特困人员取消起付线（国家模式）", confidence = "placeholder" } }
param "medical.assistance.tekun.ratio_bp" { { value = 9000, source = "占位：国办发〔2015〕30号模式", confidence = "placeholder" } }
param "medical.assistance.tekun.annual_cap" { { value = yuan(50000), source = "占位：年度救助限额待地方设定", confidence = "placeholder" } }
param "medical.assistance.orphan.deductible" { { value = 0, source = "占位：孤儿取消起付线（国家模式）", confidence = "placeholder" } }
param "medical.assistance.orphan.ratio_bp" { { value = 9000, source = "占位：国办发〔2015〕30号模式", confidence = "placeholder" } }
param "medical.assistance.orphan.annual_cap" { { value = yuan(50000), source = "占位：年度救助限额待地方设定", confidence = "placeholder" } }
param "medical.assistance.dibao.deductible" { { value = 0, source = "占位：低保对象取消起付线（国家模式）", confidence = "placeholder" } }
param "medical.assistance.dibao.ratio_bp" { { value = 7000, source = "占位：国办发〔2015〕30号“不低于 70%”", confidence = "placeholder" } }
param "medical.assistance.dibao.annual_cap" { { value = yuan(50000), source = "占位：年度救助限额待地方设定", confidence = "placeholder" } }
param "medical.assistance.dibao_marginal.deductible" { { value = yuan(3000), source = "占位：低保边缘起付线待地方设定", confidence = "placeholder" } }
param "medical.assistance.dibao_marginal.ratio_bp" { { value = 6000, source = "占位：国家模式", confidence = "placeholder" } }
param "medical.assistance.dibao_marginal.annual_cap" { { value = yuan(30000), source = "占位：年度救助限额待地方设定", confidence = "placeholder" } }
param "medical.tomorrow_plan.enabled" {
  { from = "2021-01-01", value = true, source = "川民发〔2021〕120号 孤儿医疗康复明天计划", confidence = "official" },
}

-- 残疾儿童康复救助 (七) (#38)
param "rehab.max_age" { { from = "2016-01-01", value = 6, source = "四川省残疾儿童康复救助项目：0–6 岁", confidence = "reported" } }
param "rehab.training.annual_cap" { { from = "2016-01-01", value = yuan(20000), source = "四川省残疾儿童康复救助：康复训练每人每年不超过 2 万元", confidence = "reported" } }
param "rehab.surgery.cap" { { from = "2016-01-01", value = yuan(30000), source = "四川省残疾儿童康复救助：手术不超过 3 万元", confidence = "reported" } }
param "rehab.devices.cap" { { from = "2016-01-01", value = yuan(5000), source = "四川省残疾儿童康复救助：辅具适配不超过 5000 元", confidence = "reported" } }

-- 就业 (九) (#41)
param "employment.job_seeking_subsidy" {
  { from = "2025-01-01", value = yuan(1500), source = "一次性求职创业补贴（泸州市 2025/2026 届通知）", confidence = "reported" },
}

-- 住房 (九)
param "housing.rent_subsidy" {
  { value = 0, source = "租赁补贴标准由各地住房保障部门核定（0 = 待本地设定）", confidence = "placeholder" },
}
