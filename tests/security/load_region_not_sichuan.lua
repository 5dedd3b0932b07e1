-- expect: load-error 不是四川省的行政区划代码
-- region: 999999
-- 文件名用一个不存在的区划代码。
region { code = "999999", name = "不存在" }
