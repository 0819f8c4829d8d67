package org.civicloop.cases;

public record Department(String code, String name, String email) {}
