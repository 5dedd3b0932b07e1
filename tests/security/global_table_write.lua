-- expect: error
-- message: read-only
-- 直接改 _G 里的 eligible / pairs，让全省的规则都用我的版本。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  _G.pairs = function () return function () return nil end end
  _G.eligible = function () return base() end
  return base()
end)
