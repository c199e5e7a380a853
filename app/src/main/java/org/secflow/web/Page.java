package org.secflow.web;

import java.util.List;

/** One page of a list answer: the items, the page asked for (from 0), its size and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
